package com.ticolops.bot.announcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GitHubWebhookAnnouncementsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("shop-dev");
    String repository = "octo-org/" + Names.unique("shop");
    String secret;

    @BeforeEach
    void aProjectWithAConnectedRepository() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        secret = ticolops.connectGitHub(alice, channel, repository);
    }

    @Test
    void connectingARepositoryShowsTheSecretOnceAndStoresItEncrypted() {
        assertThat(secret).matches("[0-9a-f]{64}");
        byte[] stored = jdbc.sql("select webhook_secret_encrypted from repositories where full_name = ?").param(repository).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        await().untilAsserted(() -> assertThat(ticolops.channelTexts(channel)).contains("@" + alice + " connected GitHub repository " + repository + " to "
                + ticolops.command(alice, channel, "project info").text().substring("Project ".length()) + "."));
        assertThat(ticolops.command(alice, channel, "repo connect github " + repository).text()).startsWith(repository + " is already connected");
    }

    @Test
    void aSignedPushIsAcknowledgedAndAnnouncedInTheProjectChannel() {
        Ticolops.Response response = ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), payload("push.json"), secret);

        assertThat(response.status()).isEqualTo(202);
        String expected = "alice-gh pushed 2 commits to main in " + repository;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel)).contains(expected));
        String feed = ticolops.get("/api/v1/console/channels/" + channel + "/messages").body().toString();
        assertThat(feed).contains("2222222 Add the basket page — alice-gh", "3333333 Fix rounding of totals — alice-gh",
                "https://github.com/" + repository + "/compare/1111111...3333333");
    }

    @Test
    void anOpenedPullRequestIsAnnouncedWithItsTitleBranchesAndLink() {
        Ticolops.Response response = ticolops.gitHubDelivery("pull_request", UUID.randomUUID().toString(), payload("pull_request_opened.json"), secret);

        assertThat(response.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .contains("bob-gh opened pull request #12 \"Basket page\" in " + repository + " (basket → main)"));
    }

    @Test
    void aFailedWorkflowRunIsAnnouncedWithWhoTriggeredItHowLongItTookAndALinkToTheRun() {
        // GIVEN a connected repository (see @BeforeEach)
        // WHEN GitHub reports that the CI workflow on main failed
        Ticolops.Response response = ticolops.gitHubDelivery("workflow_run", UUID.randomUUID().toString(), payload("workflow_run_failed.json"), secret);

        // THEN the project channel hears about it
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().path("status").asString()).isEqualTo("accepted");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .contains("CI failed on main in " + repository + " (3333333)"));
        assertThat(ticolops.get("/api/v1/console/channels/" + channel + "/messages").body().toString())
                .contains("alice-gh", "4m 10s", "https://github.com/" + repository + "/actions/runs/3001");
    }

    @Test
    void theSameDeliveryTwiceGivesOneAnnouncement() {
        String deliveryId = UUID.randomUUID().toString();
        assertThat(ticolops.gitHubDelivery("push", deliveryId, payload("push.json"), secret).status()).isEqualTo(202);

        Ticolops.Response redelivery = ticolops.gitHubDelivery("push", deliveryId, payload("push.json"), secret);

        assertThat(redelivery.status()).isEqualTo(200);
        assertThat(redelivery.body().path("status").asString()).isEqualTo("duplicate");
        String expected = "alice-gh pushed 2 commits to main in " + repository;
        await().untilAsserted(() -> assertThat(ticolops.channelTexts(channel)).contains(expected));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(ticolops.channelTexts(channel).stream().filter(expected::equals)).hasSize(1));
        assertThat(deliveriesWithId(deliveryId)).isEqualTo(1);
    }

    @Test
    void aBadSignatureIsRefusedWith401AndStoresNothing() {
        String deliveryId = UUID.randomUUID().toString();

        Ticolops.Response response = ticolops.gitHubDelivery("push", deliveryId, payload("push.json"), "not-the-secret");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().path("error").asString()).isEqualTo("X-Hub-Signature-256 does not match the body: check the webhook's secret");
        assertThat(deliveriesWithId(deliveryId)).isZero();
    }

    @Test
    void aMissingSignatureIsRefusedWith401() {
        String deliveryId = UUID.randomUUID().toString();

        Ticolops.Response response = ticolops.gitHubDelivery("push", deliveryId, payload("push.json"), Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().path("error").asString()).startsWith("missing X-Hub-Signature-256 header");
        assertThat(deliveriesWithId(deliveryId)).isZero();
    }

    @Test
    void aDeliveryForARepositoryNobodyConnectedIsRefusedWith401() {
        byte[] body = new String(payload("push.json"), StandardCharsets.UTF_8).replace(repository, "someone/else").getBytes(StandardCharsets.UTF_8);

        Ticolops.Response response = ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), body, secret);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().path("error").asString()).isEqualTo("repository someone/else is not connected: run /ticolops repo connect github someone/else");
    }

    @Test
    void malformedJsonIsRefusedWith400() {
        byte[] body = "{\"ref\": \"refs/heads/main\",".getBytes(StandardCharsets.UTF_8);

        Ticolops.Response response = ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), body, secret);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).startsWith("the body is not valid JSON");
    }

    @Test
    void aBodyOver25MegabytesIsRefusedWith413() {
        byte[] body = new byte[25 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        String deliveryId = UUID.randomUUID().toString();

        Ticolops.Response response = ticolops.gitHubDelivery("push", deliveryId, body, secret);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().path("error").asString()).isEqualTo("the body is larger than 25 MB");
        assertThat(deliveriesWithId(deliveryId)).isZero();
    }

    @Test
    void aChunkedBodyOver25MegabytesIsRefusedWith413() {
        byte[] body = new byte[25 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        String deliveryId = UUID.randomUUID().toString();

        Ticolops.Response response = ticolops.gitHubDeliveryChunked("push", deliveryId, body, secret);

        assertThat(response.status()).isEqualTo(413);
        assertThat(deliveriesWithId(deliveryId)).isZero();
    }

    @Test
    void aChunkedSignedPushIsAccepted() {
        assertThat(ticolops.gitHubDeliveryChunked("push", UUID.randomUUID().toString(), payload("push.json"), secret).status()).isEqualTo(202);
    }

    @Test
    void anEventWeDoNotHandleYetIsStoredAndAcknowledged() {
        String deliveryId = UUID.randomUUID().toString();
        byte[] body = ("{\"action\":\"created\",\"starred_at\":\"2026-11-20T10:00:00Z\",\"repository\":{\"full_name\":\"" + repository + "\"},"
                + "\"sender\":{\"login\":\"carol\"}}").getBytes(StandardCharsets.UTF_8);

        Ticolops.Response response = ticolops.gitHubDelivery("star", deliveryId, body, secret);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().path("status").asString()).isEqualTo("stored");
        assertThat(jdbc.sql("select event || '/' || action from webhook_deliveries where delivery_id = ?").param(deliveryId).query(String.class).single())
                .isEqualTo("star/created");
    }

    @Test
    void aPingIsAnswered() {
        byte[] body = ("{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1,\"repository\":{\"full_name\":\"" + repository + "\"}}")
                .getBytes(StandardCharsets.UTF_8);

        Ticolops.Response response = ticolops.gitHubDelivery("ping", UUID.randomUUID().toString(), body, secret);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("status").asString()).isEqualTo("pong");
    }

    private int deliveriesWithId(String deliveryId) {
        return jdbc.sql("select count(*) from webhook_deliveries where provider = 'github' and delivery_id = ?").param(deliveryId).query(Integer.class).single();
    }

    private byte[] payload(String name) {
        return Payloads.bytes(Payloads.ANNOUNCEMENT + name, repository);
    }
}
