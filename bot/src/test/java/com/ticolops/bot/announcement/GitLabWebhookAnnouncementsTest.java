package com.ticolops.bot.announcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GitLabWebhookAnnouncementsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("shop-dev");
    String repository = "acme/web/" + Names.unique("shop");
    String token;

    @BeforeEach
    void aProjectWithAConnectedGitLabRepository() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        token = ticolops.connectGitLab(alice, channel, repository);
    }

    @Test
    void connectingAGitLabProjectGivesTheHookSettingsAndTheTokenOnce() {
        Ticolops.Response again = ticolops.command(alice, channel, "repo connect gitlab https://gitlab.example.com/" + repository + ".git");

        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(again.text()).startsWith(repository + " is already connected");
        await().untilAsserted(() -> assertThat(ticolops.channelTexts(channel)).anyMatch(text ->
                text.equals("@" + alice + " connected GitLab repository " + repository + " to " + projectName() + ".")));
    }

    @Test
    void aSelfHostedGitLabUrlLinksToThatServersHookSettings() {
        String other = "tools/" + Names.unique("ci");
        Ticolops.Response reply = ticolops.command(alice, channel, "repo connect gitlab https://git.acme.test/" + other);

        assertThat(reply.field("URL")).endsWith("/webhooks/gitlab");
        assertThat(reply.all()).contains("https://git.acme.test/" + other + "/-/hooks");
    }

    @Test
    void aPushWithTheRightTokenIsAcknowledgedAndAnnounced() {
        Ticolops.Response response = ticolops.gitLabDelivery("Push Hook", UUID.randomUUID().toString(), payload("gitlab_push.json"), token);

        assertThat(response.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .contains("carol-gl pushed 2 commits to main in " + repository));
        assertThat(ticolops.get("/api/v1/console/channels/" + channel + "/messages").body().toString())
                .contains("2222222 Add the checkout page — Carol Lab", "https://gitlab.example.com/" + repository + "/-/compare/1111111");
    }

    @Test
    void aMergedMergeRequestIsAnnouncedInGitLabsWords() {
        Ticolops.Response response = ticolops.gitLabDelivery("Merge Request Hook", UUID.randomUUID().toString(),
                payload("gitlab_merge_request_merged.json"), token);

        assertThat(response.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .contains("dan-gl merged merge request !7 \"Checkout page\" in " + repository + " (checkout → main)"));
    }

    @Test
    void aFailedPipelineIsAnnouncedWithWhoTriggeredItHowLongItTookAndALinkToThePipeline() {
        // GIVEN a connected GitLab project (see @BeforeEach)
        // WHEN GitLab reports that a pipeline on main failed
        Ticolops.Response response = ticolops.gitLabDelivery("Pipeline Hook", UUID.randomUUID().toString(), payload("gitlab_pipeline_failed.json"), token);

        // THEN the project channel hears about it
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().path("status").asString()).isEqualTo("accepted");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .contains("Checkout pipeline failed on main in " + repository + " (3333333)"));
        assertThat(ticolops.get("/api/v1/console/channels/" + channel + "/messages").body().toString())
                .contains("carol-gl", "6m 30s", "https://gitlab.example.com/" + repository + "/-/pipelines/3100");
    }

    @Test
    void aRunningPipelineIsAcceptedForDeploymentsToFollowButNotAnnounced() {
        byte[] running = new String(payload("gitlab_pipeline_failed.json"), StandardCharsets.UTF_8).replace("\"failed\"", "\"running\"")
                .getBytes(StandardCharsets.UTF_8);

        Ticolops.Response response = ticolops.gitLabDelivery("Pipeline Hook", UUID.randomUUID().toString(), running, token);

        // A running pipeline is a CiRunChanged now (deploy-int), which a deployment started through it follows.
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().path("status").asString()).isEqualTo("accepted");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .noneMatch(text -> text.contains("Checkout pipeline")));
    }

    @Test
    void theSameIdempotencyKeyTwiceIsStoredAndAnnouncedOnce() {
        String key = UUID.randomUUID().toString();
        assertThat(ticolops.gitLabDelivery("Push Hook", key, payload("gitlab_push.json"), token).status()).isEqualTo(202);

        Ticolops.Response retry = ticolops.gitLabDelivery("Push Hook", key, payload("gitlab_push.json"), token);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().path("status").asString()).isEqualTo("duplicate");
        assertThat(jdbc.sql("select count(*) from webhook_deliveries where provider = 'gitlab' and delivery_id = ?").param(key)
                .query(Integer.class).single()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .filteredOn(text -> text.startsWith("carol-gl pushed")).hasSize(1));
    }

    @Test
    void aWrongOrMissingTokenIsRefusedAndNothingIsStored() {
        String key = UUID.randomUUID().toString();

        Ticolops.Response wrong = ticolops.gitLabDelivery("Push Hook", key, payload("gitlab_push.json"), token.substring(1) + "0");
        Ticolops.Response missing = ticolops.gitLabDelivery("Push Hook", key, payload("gitlab_push.json"), null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().path("error").asString()).isEqualTo("X-Gitlab-Token does not match: check the webhook's secret token");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from webhook_deliveries where delivery_id = ?").param(key).query(Integer.class).single()).isZero();
    }

    @Test
    void anUnconnectedProjectAndMalformedJsonGetClearErrors() {
        byte[] elsewhere = new String(payload("gitlab_push.json"), StandardCharsets.UTF_8).replace(repository, "someone/else")
                .getBytes(StandardCharsets.UTF_8);

        Ticolops.Response unconnected = ticolops.gitLabDelivery("Push Hook", UUID.randomUUID().toString(), elsewhere, token);
        Ticolops.Response malformed = ticolops.gitLabDelivery("Push Hook", UUID.randomUUID().toString(), "{\"object_kind\": ".getBytes(StandardCharsets.UTF_8), token);

        assertThat(unconnected.status()).isEqualTo(401);
        assertThat(unconnected.body().path("error").asString()).isEqualTo("project someone/else is not connected: run /ticolops repo connect gitlab someone/else");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("error").asString()).startsWith("the body is not valid JSON");
    }

    @Test
    void anEventWeDoNotActOnIsStoredAndAcknowledged() {
        String body = "{\"object_kind\":\"wiki_page\",\"project\":{\"path_with_namespace\":\"" + repository + "\"},\"object_attributes\":{\"action\":\"create\"}}";

        Ticolops.Response response = ticolops.gitLabDelivery("Wiki Page Hook", UUID.randomUUID().toString(), body.getBytes(StandardCharsets.UTF_8), token);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().path("status").asString()).isEqualTo("stored");
    }

    private String projectName() {
        return ticolops.command(alice, channel, "project info").text().substring("Project ".length());
    }

    private byte[] payload(String name) {
        return Payloads.bytes(Payloads.ANNOUNCEMENT + name, repository);
    }
}
