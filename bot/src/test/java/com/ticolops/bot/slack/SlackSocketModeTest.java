package com.ticolops.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Slack without a public URL: an app-level token and no signing secret, so Ticolops dials out over Socket Mode. Its
 * context is closed after the class, so no other test runs beside a Socket Mode client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SlackSocketModeTest {

    static final FakeSlackSocket SOCKET = startSocket();

    @DynamicPropertySource
    static void socketMode(DynamicPropertyRegistry registry) {
        FakeSlack.SERVER.stubFor(post(urlPathEqualTo("/api/apps.connections.open"))
                .willReturn(okJson("{\"ok\": true, \"url\": \"" + SOCKET.url() + "\"}")));
        registry.add("ticolops.slack.bot-token", () -> "xoxb-test-bot-token");
        registry.add("ticolops.slack.app-token", () -> "xapp-test-app-token");
        registry.add("ticolops.slack.api-url", FakeSlack::apiUrl);
        // Replies are read from the ack; a test JVM warming up can be slower than the 200 ms a server waits.
        registry.add("ticolops.slack.ack-wait", () -> "2500ms");
        registry.add("management.endpoint.health.show-components", () -> "always");
    }

    private static FakeSlackSocket startSocket() {
        try {
            return new FakeSlackSocket().startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSlashCommandOverTheSocketIsRunAndAnsweredInItsAck() throws Exception {
        // GIVEN Ticolops connected to Slack's socket
        await().atMost(Duration.ofSeconds(10)).until(SOCKET::connected);
        String project = Names.unique("shop");
        String channel = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();

        // WHEN Slack pushes a slash command
        String envelopeId = UUID.randomUUID().toString();
        SOCKET.push(FakeSlackSocket.slashCommand(envelopeId, "USOCKETALICE", channel, "project create " + project));

        // THEN the ack for that envelope carries the in-channel Block Kit reply
        JsonNode ack = SOCKET.nextReceived(10);
        while (ack != null && !envelopeId.equals(ack.path("envelope_id").asString())) {
            ack = SOCKET.nextReceived(10);
        }
        assertThat(ack).isNotNull();
        assertThat(ack.path("payload").path("response_type").asString()).isEqualTo("in_channel");
        assertThat(ack.path("payload").path("blocks").get(0).path("text").path("text").asString())
                .startsWith("Project " + project + " created by <@USOCKETALICE>");
        assertThat(jdbc.sql("select count(*) from channels where platform = 'slack' and external_id = ?").param(channel)
                .query(Integer.class).single()).isOne();
    }

    @Test
    void withoutASigningSecretThereIsNoHttpEndpointAndReadinessFollowsTheSocket() {
        Ticolops ticolops = new Ticolops(port);
        await().atMost(Duration.ofSeconds(10)).until(SOCKET::connected);

        assertThat(ticolops.post("/slack/events", "{}", Map.of()).status()).isEqualTo(404);
        JsonNode readiness = ticolops.get("/actuator/health/readiness").body();
        assertThat(readiness.path("components").path("slack").path("status").asString()).isEqualTo("UP");
        assertThat(ticolops.get("/slack/manifest").body().path("settings").path("socket_mode_enabled").asBoolean()).isTrue();
    }
}
