package com.ticolops.bot.repo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ticolops.bot.testsupport.FakeGitHub;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.bot.testsupport.WireMockRequests;
import com.ticolops.integrations.git.GitProvider;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code repo rotate-secret}: a webhook gets a new secret, on GitHub or GitLab (played by WireMock) or by hand, and the
 * replaced one is accepted only for its grace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookSecretRotationTest {

    private static final WireMockServer api = new WireMockServer(options().dynamicPort());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "ghp_" + "R".repeat(36);
    private static final String GITLAB_TOKEN = "glpat-" + "R".repeat(20);

    static {
        api.start();
    }

    @DynamicPropertySource
    static void apisOnWireMock(DynamicPropertyRegistry registry) {
        registry.add("ticolops.github.api-url", api::baseUrl);
        registry.add("ticolops.gitlab.allowed-networks", () -> "127.0.0.0/8");
        registry.add("ticolops.gitlab.url", () -> "https://gitlab.invalid");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Repositories repositories;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("shop-dev");
    String repository = "octo-org/" + Names.unique("shop");

    @BeforeEach
    void aProject() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        FakeGitHub.acceptsToken(api, TOKEN, "alice-gh");
    }

    @Test
    void aRegisteredWebhookGetsItsNewSecretFromGitHubAndTheOldOneIsAcceptedForAnHour() {
        // GIVEN a repository whose webhook Ticolops registered, and a delivery signed with its secret
        String old = connectWithHook();
        assertThat(push(old)).isEqualTo(202);
        api.stubFor(patch(urlPathEqualTo(hookConfig())).willReturn(okJson("{\"content_type\": \"json\", \"insecure_ssl\": \"0\"}")));

        // WHEN alice rotates its secret
        Ticolops.Response reply = ticolops.command(alice, channel, "repo rotate-secret " + repository);

        // THEN GitHub's hook was given a new secret, with its address and content type kept, and nobody was shown it
        JsonNode config = JSON.readTree(WireMockRequests.only(api, "PATCH", hookConfig()).getBodyAsString());
        String fresh = config.path("secret").asString();
        assertThat(fresh).matches("[0-9a-f]{64}").isNotEqualTo(old);
        assertThat(config.path("url").asString()).isEqualTo("http://localhost:8080/webhooks/github");
        assertThat(config.path("content_type").asString()).isEqualTo("json");
        assertThat(reply.text()).startsWith("Gave the webhook of " + repository + " on GitHub a new secret: nothing to change by hand. "
                + "The old secret is still accepted until ");
        assertThat(reply.all()).doesNotContain(fresh);
        // AND deliveries signed with either are accepted, the old one for an hour
        assertThat(push(fresh)).isEqualTo(202);
        assertThat(push(old)).isEqualTo(202);
        assertThat(previousExpiry()).isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES));
        // AND the channel is told who did it
        await().untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .anyMatch(text -> text.startsWith("@" + alice + " gave the webhook of GitHub repository " + repository + " a new secret")));
    }

    @Test
    void aLeakedSecretRotatedNowIsRefusedAtOnce() {
        String old = connectWithHook();
        assertThat(push(old)).as("cached by a first delivery").isEqualTo(202);
        api.stubFor(patch(urlPathEqualTo(hookConfig())).willReturn(okJson("{}")));

        Ticolops.Response reply = ticolops.command(alice, channel, "repo rotate-secret " + repository + " now");

        assertThat(reply.text()).endsWith("The old secret is no longer accepted.");
        assertThat(push(old)).isEqualTo(401);
        assertThat(push(JSON.readTree(WireMockRequests.only(api, "PATCH", hookConfig()).getBodyAsString()).path("secret").asString())).isEqualTo(202);
    }

    @Test
    void whenGitHubRefusesTheChangeTheOldSecretStaysAndTheNewOneIsNotAccepted() {
        String old = connectWithHook();
        api.stubFor(patch(urlPathEqualTo(hookConfig())).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Not Found\"}")));

        Ticolops.Response reply = ticolops.command(alice, channel, "repo rotate-secret " + repository);

        assertThat(reply.text()).isEqualTo("GitHub has no repository " + repository + ", or the token cannot see it.");
        String refused = JSON.readTree(WireMockRequests.only(api, "PATCH", hookConfig()).getBodyAsString()).path("secret").asString();
        assertThat(push(refused)).isEqualTo(401);
        assertThat(push(old)).isEqualTo(202);
        assertThat(jdbc.sql("select count(*) from repositories where lower(full_name) = lower(?) and previous_webhook_secret_encrypted is null")
                .param(repository).query(Integer.class).single()).isEqualTo(1);
        assertThat(ticolops.channelTexts(channel)).noneMatch(text -> text.contains("a new secret"));
    }

    @Test
    void aWebhookAddedByHandIsShownItsNewSecretOnceAndBothAreAcceptedForADay() {
        // GIVEN a repository connected without a token, its webhook added by hand
        String old = ticolops.connectGitHub(alice, channel, repository);

        // WHEN alice rotates its secret
        Ticolops.Response reply = ticolops.command(alice, channel, "repo rotate-secret " + repository);

        // THEN she alone sees the new secret, with where to paste it, and both secrets are accepted for a day
        assertThat(reply.body().path("visibility").asString()).isEqualTo("EPHEMERAL");
        assertThat(reply.text()).startsWith("Paste this new secret into the webhook of " + repository + " on GitHub (Settings → Webhooks → Edit → Secret).")
                .contains("The old secret is still accepted until ");
        String fresh = reply.field("Secret");
        assertThat(fresh).matches("[0-9a-f]{64}").isNotEqualTo(old);
        assertThat(push(old)).isEqualTo(202);
        assertThat(push(fresh)).isEqualTo(202);
        assertThat(previousExpiry()).isCloseTo(Instant.now().plus(Duration.ofDays(1)), within(1, ChronoUnit.MINUTES));
        assertThat(ticolops.channelTexts(channel)).noneMatch(text -> text.contains(fresh));
        // AND repo list says so
        assertThat(ticolops.command(alice, channel, "repo list").all()).contains("secret replaced just now, the old one accepted until "
                + RepoReplies.until(previousExpiry()));
    }

    @Test
    void theOldSecretIsRefusedOnceItsGraceHasPassed() {
        String old = ticolops.connectGitHub(alice, channel, repository);
        String fresh = ticolops.command(alice, channel, "repo rotate-secret " + repository + " 1h").field("Secret");

        jdbc.sql("update repositories set previous_webhook_secret_expires_at = now() - interval '1 second' where lower(full_name) = lower(?)")
                .param(repository).update();

        assertThat(push(old)).isEqualTo(401);
        assertThat(push(fresh)).isEqualTo(202);
    }

    @Test
    void aSecretRotatedOnAnotherReplicaIsAcceptedHereAtOnce() {
        // GIVEN this replica has the secret cached from a delivery
        String old = ticolops.connectGitHub(alice, channel, repository);
        assertThat(push(old)).isEqualTo(202);

        // WHEN another replica rotates it (only the database changes; this replica hears nothing)
        long id = repositories.find(GitProvider.GITHUB, repository).orElseThrow().id();
        repositories.rotateSecret(id, "f".repeat(64), Instant.now().plus(Duration.ofHours(1)));

        // THEN the new secret is accepted here before the cached copy would have expired
        assertThat(push("f".repeat(64))).isEqualTo(202);
    }

    @Test
    void aGitLabHookGetsItsNewSecretTokenWithItsEventsKept() {
        // GIVEN a project on a self-hosted GitLab whose webhook Ticolops registered
        String base = "http://127.0.0.1:" + api.port();
        String project = "acme/" + Names.unique("shop");
        String encoded = project.replace("-", "%2D").replace("/", "%2F");
        api.stubFor(get(urlPathEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", containing(GITLAB_TOKEN))
                .willReturn(okJson("{\"id\": 4, \"username\": \"carol-gl\", \"name\": \"Carol Lab\"}")));
        api.stubFor(get(urlPathMatching("/api/v4/projects/" + encoded)).willReturn(okJson(text("gitlab_project.json")
                .replace("REPOSITORY", project).replace("NAME", project.substring(5)).replace("BASE", base).replace("ACCESS", "40"))));
        api.stubFor(post(urlPathMatching("/api/v4/projects/" + encoded + "/hooks"))
                .willReturn(okJson("{\"id\": 55, \"url\": \"http://localhost:8080/webhooks/gitlab\", \"project_id\": 77}")));
        ticolops.command(alice, channel, "repo token gitlab " + GITLAB_TOKEN + " " + base);
        assertThat(ticolops.command(alice, channel, "repo connect gitlab " + project + " " + base).text()).contains("registered its webhook on GitLab");
        String old = WireMockRequests.form(WireMockRequests.only(api, "POST", "/api/v4/projects/" + encoded + "/hooks").getBodyAsString()).get("token");
        api.stubFor(get(urlPathEqualTo("/api/v4/projects/" + encoded + "/hooks/55")).willReturn(okJson("""
                {"id": 55, "url": "http://localhost:8080/webhooks/gitlab", "project_id": 77, "push_events": true, "merge_requests_events": true,
                 "tag_push_events": true, "note_events": true, "pipeline_events": true, "job_events": true, "issues_events": true,
                 "deployment_events": true, "releases_events": true, "wiki_page_events": false, "enable_ssl_verification": true}""")));
        api.stubFor(put(urlPathEqualTo("/api/v4/projects/77/hooks/55")).willReturn(okJson("{\"id\": 55, \"project_id\": 77}")));

        // WHEN alice rotates its secret
        Ticolops.Response reply = ticolops.command(alice, channel, "repo rotate-secret " + project + " 1d");

        // THEN GitLab's hook has a new secret token and the same events
        assertThat(reply.text()).startsWith("Gave the webhook of " + project + " on GitLab a new secret");
        Map<String, String> edited = WireMockRequests.form(WireMockRequests.only(api, "PUT", "/api/v4/projects/77/hooks/55").getBodyAsString());
        assertThat(edited).containsEntry("url", "http://localhost:8080/webhooks/gitlab").containsEntry("push_events", "true")
                .containsEntry("merge_requests_events", "true").containsEntry("releases_events", "true").containsEntry("enable_ssl_verification", "true");
        String fresh = edited.get("token");
        assertThat(fresh).matches("[0-9a-f]{64}").isNotEqualTo(old);
        byte[] merge = Payloads.bytes(Payloads.ANNOUNCEMENT + "gitlab_merge_request_merged.json", project);
        assertThat(ticolops.gitLabDelivery("Merge Request Hook", UUID.randomUUID().toString(), merge, fresh).status()).isEqualTo(202);
        assertThat(ticolops.gitLabDelivery("Merge Request Hook", UUID.randomUUID().toString(), merge, old).status()).isEqualTo(202);
        assertThat(ticolops.gitLabDelivery("Merge Request Hook", UUID.randomUUID().toString(), merge, "not-the-token").status()).isEqualTo(401);
    }

    @Test
    void anUnknownRepositoryOrAnUnknownGraceGetsAClearAnswer() {
        assertThat(ticolops.command(alice, channel, "repo rotate-secret octo-org/nope").text()).startsWith("octo-org/nope is not connected to ");
        ticolops.connectGitHub(alice, channel, repository);
        assertThat(ticolops.command(alice, channel, "repo rotate-secret " + repository + " 2w").text()).contains("now, 1h, 1d, 7d");
        assertThat(previousExpiryOrNull()).isNull();
    }

    private String connectWithHook() {
        ticolops.command(alice, channel, "repo token github " + TOKEN);
        new FakeGitHub(api, repository).hooksCreatable();
        assertThat(ticolops.command(alice, channel, "repo connect github " + repository).text()).contains("registered its webhook");
        return JSON.readTree(WireMockRequests.only(api, "POST", "/repos/" + repository + "/hooks").getBodyAsString()).path("config").path("secret").asString();
    }

    private String hookConfig() {
        return "/repos/" + repository + "/hooks/4242/config";
    }

    private int push(String secret) {
        return ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository), secret)
                .status();
    }

    private Instant previousExpiry() {
        Instant expiry = previousExpiryOrNull();
        assertThat(expiry).as("the replaced secret's expiry").isNotNull();
        return expiry;
    }

    private Instant previousExpiryOrNull() {
        return jdbc.sql("select previous_webhook_secret_expires_at from repositories where lower(full_name) = lower(?)").param(repository)
                .query((row, n) -> row.getTimestamp(1)).optional().map(Timestamp::toInstant).orElse(null);
    }


    private static String text(String name) {
        return Payloads.text(RepositoryHooksTest.class, name);
    }
}
