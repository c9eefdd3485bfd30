package com.ticolops.bot.repo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.bot.testsupport.WireMockRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/** Connecting, watching and disconnecting repositories through GitHub's and GitLab's APIs, both played by WireMock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RepositoryHooksTest {

    private static final WireMockServer api = new WireMockServer(options().dynamicPort());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GOOD_TOKEN = "ghp_" + "A".repeat(36);
    private static final String BAD_TOKEN = "ghp_" + "B".repeat(36);
    private static final String GITLAB_TOKEN = "glpat-" + "C".repeat(20);

    static {
        api.start();
    }

    @DynamicPropertySource
    static void apisOnWireMock(DynamicPropertyRegistry registry) {
        registry.add("ticolops.github.api-url", api::baseUrl);
        registry.add("ticolops.gitlab.allowed-networks", () -> "127.0.0.0/8");
        // A default GitLab that never resolves (RFC 6761), online or not.
        registry.add("ticolops.gitlab.url", () -> "https://gitlab.invalid");
    }

    @LocalServerPort
    int port;

    @Autowired
    MissedDeliveries missedDeliveries;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("shop-dev");
    String repository = "octo-org/" + Names.unique("shop");

    @BeforeEach
    void aProjectWithAGitHubToken() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        api.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", containing(GOOD_TOKEN))
                .willReturn(okJson("{\"login\": \"alice-gh\", \"id\": 1, \"type\": \"User\"}")));
        api.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", containing(BAD_TOKEN))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("{\"message\": \"Bad credentials\"}")));
    }

    @Test
    void aTokenIsCheckedStoredEncryptedAndNeverEchoed() {
        Ticolops.Response reply = ticolops.command(alice, channel, "repo token github " + GOOD_TOKEN);

        assertThat(reply.text()).startsWith("Saved alice-gh's GitHub token for the repositories of");
        assertThat(reply.all()).doesNotContain(GOOD_TOKEN);
        assertThat(reply.body().path("visibility").asString()).isEqualTo("EPHEMERAL");
        assertThat(ticolops.channelTexts(channel)).noneMatch(text -> text.contains(GOOD_TOKEN));
    }

    @Test
    void aTokenGitHubRefusesIsNotSaved() {
        Ticolops.Response reply = ticolops.command(alice, channel, "repo token github " + BAD_TOKEN);

        assertThat(reply.text()).startsWith("GitHub does not accept this token").contains("Nothing was saved").doesNotContain(BAD_TOKEN);
        // Without a saved token, connecting falls back to the manual instructions.
        assertThat(ticolops.command(alice, channel, "repo connect github " + repository).field("Secret")).matches("[0-9a-f]{64}");
    }

    @Test
    void connectingRegistersTheWebhookWithOurEventsAndAFreshSecretThatSignsDeliveries() {
        // GIVEN a project token and a repository the token administers
        ticolops.command(alice, channel, "repo token github " + GOOD_TOKEN);
        stubGitHubRepository(true);

        // WHEN alice connects it
        Ticolops.Response reply = ticolops.command(alice, channel, "repo connect github " + repository);

        // THEN GitHub was asked for a web hook on our URL, for the events we understand, with a secret never shown
        assertThat(reply.text()).startsWith("Connected " + repository).contains("registered its webhook on GitHub");
        JsonNode hook = JSON.readTree(WireMockRequests.only(api, "POST", "/repos/" + repository + "/hooks").getBodyAsString());
        assertThat(hook.path("name").asString()).isEqualTo("web");
        assertThat(hook.path("active").asBoolean()).isTrue();
        assertThat(hook.path("config").path("url").asString()).isEqualTo("http://localhost:8080/webhooks/github");
        assertThat(hook.path("config").path("content_type").asString()).isEqualTo("json");
        assertThat(hook.path("events").valueStream().map(JsonNode::asString).toList()).containsExactlyInAnyOrder("push", "pull_request",
                "pull_request_review", "pull_request_review_comment", "issue_comment", "commit_comment", "workflow_run", "deployment_status",
                "release", "issues");
        String secret = hook.path("config").path("secret").asString();
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(reply.all()).doesNotContain(secret);
        // AND a delivery signed with that secret is accepted and announced
        assertThat(ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), push(), secret).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .contains("alice-gh pushed 2 commits to main in " + repository));
    }

    @Test
    void withoutAdminRightsNothingIsConnected() {
        ticolops.command(alice, channel, "repo token github " + GOOD_TOKEN);
        stubGitHubRepository(false);

        Ticolops.Response reply = ticolops.command(alice, channel, "repo connect github " + repository);

        assertThat(reply.text()).isEqualTo("The GitHub token has no admin rights on " + repository + ", which adding a webhook needs.");
        assertThat(ticolops.command(alice, channel, "repo list").text()).contains("has no repositories yet");
    }

    @Test
    void anUnknownRepositoryOrARevokedTokenGetsAClearAnswer() {
        ticolops.command(alice, channel, "repo token github " + GOOD_TOKEN);
        api.stubFor(get(urlPathEqualTo("/repos/" + repository)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Not Found\"}")));
        String revoked = "octo-org/" + Names.unique("revoked");
        api.stubFor(get(urlPathEqualTo("/repos/" + revoked)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Bad credentials\"}")));

        assertThat(ticolops.command(alice, channel, "repo connect github " + repository).text())
                .isEqualTo("GitHub has no repository " + repository + ", or the token cannot see it.");
        assertThat(ticolops.command(alice, channel, "repo connect github " + revoked).text())
                .startsWith("The GitHub token is invalid or expired (GitHub answered 401).");
    }

    @Test
    void disconnectingRemovesTheHookAndTheAnnouncementsStop() {
        String secret = connectWithHook();
        api.stubFor(delete(urlPathEqualTo("/repos/" + repository + "/hooks/4242")).willReturn(aResponse().withStatus(204)));

        Ticolops.Response reply = ticolops.command(alice, channel, "repo disconnect " + repository);

        assertThat(reply.text()).isEqualTo("Disconnected " + repository + " from " + projectName() + ". Its webhook on GitHub was removed.");
        api.verify(1, deleteRequestedFor(urlPathEqualTo("/repos/" + repository + "/hooks/4242")));
        await().untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .contains("@" + alice + " disconnected GitHub repository " + repository + " from " + projectName() + "."));
        Ticolops.Response late = ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), push(), secret);
        assertThat(late.status()).isEqualTo(401);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel))
                .noneMatch(text -> text.contains("pushed")));
        assertThat(ticolops.command(alice, channel, "repo list").text()).contains("has no repositories yet");
    }

    @Test
    void aHookAlreadyGoneFromGitHubStillDisconnects() {
        connectWithHook();
        api.stubFor(delete(urlPathEqualTo("/repos/" + repository + "/hooks/4242")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Not Found\"}")));

        assertThat(ticolops.command(alice, channel, "repo disconnect " + repository).text()).endsWith("Its webhook was already gone from GitHub.");
        assertThat(ticolops.command(alice, channel, "repo disconnect " + repository).text())
                .isEqualTo(repository + " is not connected to " + projectName() + ". See /ticolops repo list.");
    }

    @Test
    void repoListShowsTheLastDeliveryAndRefusedOnes() {
        String secret = connectWithHook();
        assertThat(ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), push(), secret).status()).isEqualTo(202);
        assertThat(ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), push(), "a-wrong-secret").status()).isEqualTo(401);

        String list = ticolops.command(alice, channel, "repo list").all();

        assertThat(list).contains("github " + repository + " — webhook registered by Ticolops · last delivery just now"
                + " · 1 refused in 24 h, last just now: X-Hub-Signature-256 did not match");
    }

    @Test
    void theMissedDeliveriesTaskAsksGitHubToRedeliverOnlyWhatFailedAndWeNeverStored() {
        String secret = connectWithHook();
        String lost = UUID.randomUUID().toString();
        String stored = UUID.randomUUID().toString();
        assertThat(ticolops.gitHubDelivery("push", stored, push(), secret).status()).isEqualTo(202);
        api.stubFor(get(urlPathEqualTo("/repos/" + repository + "/hooks/4242/deliveries")).willReturn(okJson(text("github_hook_deliveries.json")
                .replace("GUID-LOST", lost).replace("GUID-STORED", stored).replace("GUID-OK", UUID.randomUUID().toString())
                .replace("GUID-REFUSED", UUID.randomUUID().toString()).replace("RECENT", Instant.now().minusSeconds(600).toString()))));
        api.stubFor(post(urlPathMatching("/repos/" + repository + "/hooks/4242/deliveries/[0-9]+/attempts"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{}")));

        missedDeliveries.run();

        List<String> asked = api.findAll(postRequestedFor(urlPathMatching("/repos/" + repository + "/hooks/4242/deliveries/.*/attempts")))
                .stream().map(LoggedRequest::getUrl).toList();
        assertThat(asked).containsExactly("/repos/" + repository + "/hooks/4242/deliveries/9001/attempts");
    }

    @Test
    void aSelfHostedGitLabOnAnInternalAddressIsRefusedBeforeAnyRequest() {
        int before = api.getAllServeEvents().size();

        assertThat(ticolops.command(alice, channel, "repo token gitlab " + GITLAB_TOKEN + " https://169.254.169.254").text())
                .startsWith("Ticolops will not call https://169.254.169.254: it resolves to 169.254.169.254, an internal address.");
        assertThat(ticolops.command(alice, channel, "repo token gitlab " + GITLAB_TOKEN + " https://10.0.0.7").text())
                .startsWith("Ticolops will not call https://10.0.0.7");
        assertThat(ticolops.command(alice, channel, "repo token gitlab " + GITLAB_TOKEN + " https://metadata.google.internal").text())
                .contains("cloud metadata service");
        assertThat(api.getAllServeEvents()).hasSize(before);
    }

    @Test
    void gitLabConnectsThroughItsApiAndTheTaskBackfillsAMissedMergeOnce() {
        // GIVEN a self-hosted GitLab (WireMock, in an allowed network) and a project token for it
        String base = "http://127.0.0.1:" + api.port();
        String project = "acme/" + Names.unique("shop");
        // GitLab4J sends the path URL-encoded, down to the dashes: acme%2Fshop%2D1
        String encoded = project.replace("-", "%2D").replace("/", "%2F");
        api.stubFor(get(urlPathEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", containing(GITLAB_TOKEN))
                .willReturn(okJson("{\"id\": 4, \"username\": \"carol-gl\", \"name\": \"Carol Lab\"}")));
        api.stubFor(get(urlPathMatching("/api/v4/projects/" + encoded)).willReturn(okJson(text("gitlab_project.json")
                .replace("REPOSITORY", project).replace("NAME", project.substring(5)).replace("BASE", base).replace("ACCESS", "40"))));
        api.stubFor(post(urlPathMatching("/api/v4/projects/" + encoded + "/hooks"))
                .willReturn(okJson("{\"id\": 55, \"url\": \"http://localhost:8080/webhooks/gitlab\", \"project_id\": 77}")));
        assertThat(ticolops.command(alice, channel, "repo token gitlab " + GITLAB_TOKEN + " " + base).text()).startsWith("Saved carol-gl's GitLab token");

        // WHEN alice connects the project
        Ticolops.Response reply = ticolops.command(alice, channel, "repo connect gitlab " + project + " " + base);

        // THEN the hook is registered for the events we use, with a secret token that then opens the webhook endpoint
        assertThat(reply.text()).startsWith("Connected " + project).contains("registered its webhook on GitLab");
        Map<String, String> form = WireMockRequests.form(WireMockRequests.only(api, "POST", "/api/v4/projects/" + encoded + "/hooks").getBodyAsString());
        assertThat(form).containsEntry("url", "http://localhost:8080/webhooks/gitlab").containsEntry("push_events", "true")
                .containsEntry("tag_push_events", "true").containsEntry("merge_requests_events", "true").containsEntry("note_events", "true")
                .containsEntry("pipeline_events", "true").containsEntry("job_events", "true").containsEntry("deployment_events", "true").containsEntry("releases_events", "true")
                .containsEntry("issues_events", "true").containsEntry("enable_ssl_verification", "true");
        String secretToken = form.get("token");
        assertThat(secretToken).matches("[0-9a-f]{64}");

        // AND WHEN a merge happened while the webhook was down, the task finds it, run after run, and announces it once
        Instant now = Instant.now();
        api.stubFor(get(urlPathMatching(".*/merge_requests")).willReturn(okJson(text("gitlab_merge_requests.json").replace("REPOSITORY", project)
                .replace("BASE", base).replace("CREATED", now.minus(Duration.ofDays(1)).toString())
                .replace("MERGED", now.minus(Duration.ofMinutes(5)).toString()))));
        api.stubFor(get(urlPathMatching("/api/v4/projects/" + encoded + "/pipelines")).willReturn(okJson("[]")));
        missedDeliveries.run();
        missedDeliveries.run();
        String merged = "dan-gl merged merge request !7 \"Checkout page\" in " + project + " (checkout → main)";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel)).contains(merged));

        // AND the real delivery of that merge, arriving late, is stored without a second announcement
        byte[] late = Payloads.bytes(Payloads.ANNOUNCEMENT + "gitlab_merge_request_merged.json", project);
        assertThat(ticolops.gitLabDelivery("Merge Request Hook", UUID.randomUUID().toString(), late, secretToken).status()).isEqualTo(202);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(ticolops.channelTexts(channel).stream()
                .filter(merged::equals)).hasSize(1));
    }

    @Test
    void aGitLabTokenForAConnectedRepositoryIsCheckedAtThatRepositorysOwnGitLab() {
        // GIVEN a project on a self-hosted GitLab (WireMock, in an allowed network), connected without a token
        String base = "http://127.0.0.1:" + api.port();
        String project = "acme/" + Names.unique("infra");
        api.stubFor(get(urlPathEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", containing(GITLAB_TOKEN))
                .willReturn(okJson("{\"id\": 4, \"username\": \"carol-gl\", \"name\": \"Carol Lab\"}")));
        assertThat(ticolops.command(alice, channel, "repo connect gitlab " + project + " main " + base).text()).startsWith("Connected " + project);
        int asked = api.findAll(getRequestedFor(urlPathEqualTo("/api/v4/user"))).size();

        // WHEN alice gives a token for that repository, naming no GitLab
        Ticolops.Response reply = ticolops.command(alice, channel, "repo token gitlab " + GITLAB_TOKEN + " " + project);

        // THEN the repository's own GitLab checked it, and the token is kept for that GitLab
        assertThat(reply.text()).startsWith("Saved carol-gl's GitLab token for " + project + ".");
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/api/v4/user")))).hasSize(asked + 1);
        assertThat(jdbc.sql("select api_url from git_access_tokens where lower(repository) = lower(?)").param(project).query(String.class).list())
                .containsExactly(base);
    }

    @Test
    void aGitLabThatCannotBeReachedIsNamedInWordsWithoutJavaText() {
        Ticolops.Response reply = ticolops.command(alice, channel, "repo token gitlab " + GITLAB_TOKEN);

        assertThat(reply.text()).isEqualTo("Could not reach gitlab.invalid: unknown host. The token could not be checked, so nothing was saved.");
    }

    @Test
    void connectingToAnInternalGitLabIsRefusedBeforeAnythingIsStored() {
        // GIVEN no token at all: without the check at connect, nothing would stop the address from being stored
        int before = api.getAllServeEvents().size();
        for (String address : List.of("https://169.254.169.254", "http://10.0.0.7:9999")) {
            String project = "group/" + Names.unique("x");

            // WHEN alice connects a GitLab project at an internal address
            Ticolops.Response reply = ticolops.command(alice, channel, "repo connect gitlab " + project + " main " + address);

            // THEN she gets the same refusal as repo token, and no row exists for the project
            assertThat(reply.text()).startsWith("Ticolops will not call " + address + ": it resolves to ")
                    .isEqualTo(ticolops.command(alice, channel, "repo token gitlab " + GITLAB_TOKEN + " " + address).text());
            assertThat(jdbc.sql("select count(*) from repositories where lower(full_name) = lower(?)").param(project).query(Integer.class).single())
                    .isZero();
        }
        assertThat(api.getAllServeEvents()).hasSize(before);
        assertThat(ticolops.command(alice, channel, "repo list").text()).contains("has no repositories yet");
    }

    @Test
    void withoutATokenGitHubsManualSetUpNamesEveryEventTheApiWouldRegister() {
        Ticolops.Response reply = ticolops.command(alice, channel, "repo connect github " + repository);

        assertThat(reply.field("Events")).isEqualTo("Let me select individual events: Pushes, Pull requests, Pull request reviews, "
                + "Pull request review comments, Issue comments, Commit comments, Workflow runs, Deployment statuses, Releases, Issues");
    }

    @Test
    void withoutATokenGitLabsManualSetUpNamesEveryTriggerTheApiWouldSet() {
        Ticolops.Response reply = ticolops.command(alice, channel, "repo connect gitlab acme/" + Names.unique("shop"));

        assertThat(reply.field("Trigger")).isEqualTo("Push events, Tag push events, Merge request events, Comments, Pipeline events, "
                + "Job events, Deployment events, Releases events, Issues events");
    }

    @Test
    void repoListIsForTheProjectsMembersLikeSubscriptions() {
        ticolops.command(alice, channel, "repo connect github " + repository);
        String stranger = Names.unique("mallory");

        Ticolops.Response reply = ticolops.command(stranger, channel, "repo list");

        assertThat(reply.text()).startsWith("You are not a member of project " + projectName() + ".").doesNotContain(repository);
    }

    private String connectWithHook() {
        ticolops.command(alice, channel, "repo token github " + GOOD_TOKEN);
        stubGitHubRepository(true);
        Ticolops.Response reply = ticolops.command(alice, channel, "repo connect github " + repository);
        assertThat(reply.text()).startsWith("Connected " + repository);
        return JSON.readTree(WireMockRequests.only(api, "POST", "/repos/" + repository + "/hooks").getBodyAsString()).path("config").path("secret").asString();
    }

    private void stubGitHubRepository(boolean admin) {
        String name = repository.substring(repository.indexOf('/') + 1);
        api.stubFor(get(urlPathEqualTo("/repos/" + repository)).willReturn(okJson(text("github_repository.json")
                .replace("REPOSITORY", repository).replace("NAME", name).replace("API", api.baseUrl()).replace("ADMIN", String.valueOf(admin)))));
        api.stubFor(post(urlPathEqualTo("/repos/" + repository + "/hooks")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(text("github_hook_created.json").replace("REPOSITORY", repository).replace("API", api.baseUrl()))));
    }


    private String projectName() {
        return ticolops.command(alice, channel, "project info").text().substring("Project ".length());
    }

    private static String text(String name) {
        return Payloads.text(RepositoryHooksTest.class, name);
    }

    private byte[] push() {
        return Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository);
    }
}
