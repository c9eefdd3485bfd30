package com.ticolops.bot.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How GitHub may encode and sign a delivery: the form content type, and the signature header exactly as GitHub writes it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GitHubWebhookRequestsTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("shop-dev");
    String repository = "octo-org/" + Names.unique("shop");
    String secret;
    String json;

    @BeforeEach
    void aProjectWithAConnectedRepository() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        secret = ticolops.connectGitHub(alice, channel, repository);
        json = Payloads.read("/com/ticolops/bot/webhooks/push.json", repository);
    }

    @Test
    void aPushSentWithTheFormContentTypeAndSignedOverTheFormIsAcceptedAndAnnounced() {
        // GIVEN a hook set to content type application/x-www-form-urlencoded: GitHub signs the form it sends
        byte[] form = ("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        String deliveryId = UUID.randomUUID().toString();

        // WHEN it delivers a push
        Ticolops.Response response = ticolops.gitHubDelivery("push", deliveryId, form,
                Map.of("Content-Type", FORM, "X-Hub-Signature-256", Ticolops.signature(secret, form)));

        // THEN it is accepted, stored as its JSON, and announced with the commit message decoded
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().path("status").asString()).isEqualTo("accepted");
        assertThat(jdbc.sql("select payload::jsonb ->> 'ref' from webhook_deliveries where delivery_id = ?").param(deliveryId).query(String.class).single())
                .isEqualTo("refs/heads/main");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .contains("alice-gh pushed 1 commit to main in " + repository));
        assertThat(ticolops.get("/api/v1/console/channels/" + channel + "/messages").body().toString())
                .contains("2222222 Basket: totals & tax = 100% + shipping — alice-gh");
    }

    @Test
    void aFormDeliverySignedOverItsDecodedJsonInsteadOfTheRawFormIsRefusedWith401() {
        byte[] form = ("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

        Ticolops.Response response = ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), form,
                Map.of("Content-Type", FORM, "X-Hub-Signature-256", Ticolops.signature(secret, json.getBytes(StandardCharsets.UTF_8))));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().path("error").asString()).isEqualTo("X-Hub-Signature-256 does not match the body: check the webhook's secret");
    }

    @Test
    void aFormDeliveryWithoutAPayloadFieldIsRefusedWith400() {
        byte[] form = "ref=refs%2Fheads%2Fmain".getBytes(StandardCharsets.UTF_8);

        Ticolops.Response response = ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), form,
                Map.of("Content-Type", FORM, "X-Hub-Signature-256", Ticolops.signature(secret, form)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).contains("payload field");
    }

    @Test
    void aBodyNamingTwoRepositoriesIsRefusedWith400AndNothingIsStored() {
        // GIVEN a delivery signed with the connected repository's secret that names another repository under a second,
        // duplicate "repository" key: the secret would come from the first, the announcement from the last
        String deliveryId = UUID.randomUUID().toString();
        byte[] body = json.replaceFirst("\\{", "{\"repository\": {\"full_name\": \"" + repository + "\"}, ")
                .getBytes(StandardCharsets.UTF_8);

        // WHEN it arrives
        Ticolops.Response response = ticolops.gitHubDelivery("push", deliveryId, body, Map.of("X-Hub-Signature-256", Ticolops.signature(secret, body)));

        // THEN it is refused as malformed and not stored
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).startsWith("the body is not valid JSON: Duplicate field 'repository'");
        assertThat(jdbc.sql("select count(*) from webhook_deliveries where delivery_id = ?").param(deliveryId).query(Integer.class).single()).isZero();
    }

    @Test
    void theRightDigestInUpperCaseHexIsRefusedWith401() {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String signature = Ticolops.signature(secret, body);
        String upperCase = "sha256=" + signature.substring("sha256=".length()).toUpperCase(Locale.ROOT);

        Ticolops.Response response = ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), body, Map.of("X-Hub-Signature-256", upperCase));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().path("error").asString()).isEqualTo("X-Hub-Signature-256 does not match the body: check the webhook's secret");
    }

    @Test
    void theRightDigestUnderTheSha1PrefixIsRefusedWith401() {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String sha1Prefixed = Ticolops.signature(secret, body).replace("sha256=", "sha1=");

        Ticolops.Response response = ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), body, Map.of("X-Hub-Signature-256", sha1Prefixed));

        assertThat(response.status()).isEqualTo(401);
    }
}
