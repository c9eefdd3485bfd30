package com.ticolops.bot.token;

import static com.ticolops.bot.testsupport.Ticolops.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTokensTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("general");

    @BeforeEach
    void console() {
        ticolops = new Ticolops(port);
    }

    private String create(String name, String scopes) {
        Ticolops.Response reply = ticolops.command(alice, channel, "/ticolops token create " + name + (scopes.isEmpty() ? "" : " " + scopes));
        assertThat(reply.text()).as(reply.all()).startsWith("Token " + name + " created");
        return reply.field("Token");
    }

    @Test
    void aCreatedTokenIsShownOnceOnlyToItsOwnerKeptAsAHashAndListsTheOwnersTokens() {
        Ticolops.Response reply = ticolops.command(alice, channel, "/ticolops token create laptop");

        String token = reply.field("Token");
        assertThat(token).matches("tcp_[A-Za-z0-9_-]{43}");
        assertThat(reply.body().path("visibility").asString()).isEqualTo("EPHEMERAL");
        assertThat(reply.field("Scopes")).isEqualTo("activity:write, presence:read, tokens:read");
        assertThat(ticolops.channelTexts(channel)).isEmpty();
        assertThat(jdbc.sql("select count(*) from api_tokens where encode(token_hash, 'escape') like '%' || ? || '%'").param(token.substring(4))
                .query(Integer.class).single()).as("the token itself is not stored").isZero();

        Ticolops.Response answer = ticolops.get("/api/v1/tokens", bearer(token));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("data").get(0).path("name").asString()).isEqualTo("laptop");
        assertThat(answer.body().path("data").get(0).path("scopes").toString()).isEqualTo("[\"activity:write\",\"presence:read\",\"tokens:read\"]");
        assertThat(answer.body().path("data").toString()).doesNotContain(token);
        assertThat(answer.body().path("meta").path("total").asInt()).isEqualTo(1);
        assertThat(answer.body().path("errors").isEmpty()).isTrue();
        assertThat(ticolops.command(alice, channel, "token list").all()).contains("laptop — activity:write, presence:read, tokens:read — created ")
                .contains("last used ").doesNotContain(token);
    }

    @Test
    void aRevokedTokenGets401WithAJsonErrorAndItsRequestId() {
        String token = create("ci", "");

        Ticolops.Response revoked = ticolops.command(alice, channel, "token revoke ci");
        Ticolops.Response answer = ticolops.get("/api/v1/tokens", Map.of("Authorization", "Bearer " + token, "X-Request-Id", "req-42"));

        assertThat(revoked.text()).isEqualTo("Token ci revoked: requests with it now get 401.");
        assertThat(answer.status()).isEqualTo(401);
        JsonNode error = answer.body().path("errors").get(0);
        assertThat(error.path("code").asString()).isEqualTo("token_revoked");
        assertThat(error.path("message").asString()).isEqualTo("This token was revoked. Create a new one with /ticolops token create <name>.");
        assertThat(error.path("request_id").asString()).isEqualTo("req-42");
        assertThat(error.path("timestamp").asString()).isNotBlank();
        assertThat(answer.body().path("data").isNull()).isTrue();
        assertThat(ticolops.command(alice, channel, "token list").text()).startsWith("You have no API tokens.");
    }

    @Test
    void anUnknownAMalformedOrAMissingTokenGets401SayingWhich() {
        String unknown = "tcp_" + "A".repeat(43);

        assertThat(code(ticolops.get("/api/v1/tokens", bearer(unknown)))).isEqualTo("401 unknown_token");
        assertThat(code(ticolops.get("/api/v1/tokens", bearer("ghp_notours")))).isEqualTo("401 malformed_token");
        assertThat(code(ticolops.get("/api/v1/tokens", Map.of("Authorization", "Bearer two words")))).isEqualTo("401 malformed_token");
        assertThat(code(ticolops.get("/api/v1/tokens"))).isEqualTo("401 unauthenticated");
    }

    @Test
    void aTokenWithoutTheScopeAnEndpointNeedsGets403NamingIt() {
        String token = create("hook", "activity:write");

        Ticolops.Response answer = ticolops.get("/api/v1/tokens", bearer(token));

        assertThat(code(answer)).isEqualTo("403 insufficient_scope");
        assertThat(answer.body().path("errors").get(0).path("details").path("required_scope").asString()).isEqualTo("tokens:read");
    }

    @Test
    void anUnknownScopeOrATakenNameIsRefusedAndCreatesNothing() {
        create("laptop", "tokens:read");

        Ticolops.Response unknownScope = ticolops.command(alice, channel, "token create other admin:everything");
        Ticolops.Response taken = ticolops.command(alice, channel, "token create LAPTOP");

        assertThat(unknownScope.text()).isEqualTo("There is no scope `admin:everything`. Scopes: activity:write, presence:read, tokens:read. Nothing was created.");
        assertThat(taken.text()).isEqualTo("You already have a token named LAPTOP. Pick another name, or revoke it first with `/ticolops token revoke LAPTOP`.");
        assertThat(jdbc.sql("select count(*) from api_tokens t join user_identities i on i.user_id = t.user_id where i.external_id = ?")
                .param(alice).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void listsArePagedWithTheTotalInMetaAndABadPageIs400() {
        String token = create("one", "");
        create("two", "");
        create("three", "");

        Ticolops.Response second = ticolops.get("/api/v1/tokens?page=2&per_page=2", bearer(token));
        Ticolops.Response bad = ticolops.get("/api/v1/tokens?per_page=0", bearer(token));
        Ticolops.Response notANumber = ticolops.get("/api/v1/tokens?page=two", bearer(token));

        assertThat(second.body().path("data").get(0).path("name").asString()).isEqualTo("three");
        assertThat(second.body().path("meta").path("page").asInt()).isEqualTo(2);
        assertThat(second.body().path("meta").path("per_page").asInt()).isEqualTo(2);
        assertThat(second.body().path("meta").path("total").asInt()).isEqualTo(3);
        assertThat(code(bad)).isEqualTo("400 invalid_pagination");
        assertThat(code(notANumber)).isEqualTo("400 invalid_parameter");
    }

    @Test
    void webhooksTheConsoleAndHealthNeedNoToken() {
        assertThat(ticolops.get("/actuator/health").status()).isEqualTo(200);
        assertThat(ticolops.command(alice, channel, "help").status()).isEqualTo(200);
        assertThat(ticolops.get("/api/v1/console/channels/" + channel + "/messages?after=0").status()).isEqualTo(200);
        Ticolops.Response webhook = ticolops.gitHubDelivery("ping", java.util.UUID.randomUUID().toString(), "{}".getBytes(), "wrong");
        assertThat(webhook.body().has("errors")).as("a webhook answers by its own signature check, not with the API's envelope: " + webhook).isFalse();
    }

    private static String code(Ticolops.Response response) {
        return response.status() + " " + response.body().path("errors").path(0).path("code").asString();
    }
}
