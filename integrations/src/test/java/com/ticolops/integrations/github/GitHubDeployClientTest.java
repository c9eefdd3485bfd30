package com.ticolops.integrations.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.ticolops.integrations.git.DeployClient.Commit;
import com.ticolops.integrations.git.DeployClient.DeployRequest;
import com.ticolops.integrations.git.DeployClient.Started;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.net.OutboundScrape;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WireMock as GitHub's REST API; every test checks the exact request github-api made and what came of the answer. */
class GitHubDeployClientTest {

    private static final String TOKEN = "ghp_" + "D".repeat(36);
    private static final String REPO = "/repos/acme/rocket";
    private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final DeployRequest REQUEST = new DeployRequest(42, "main", SHA, "production", "alice");

    private final WireMockServer github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final OutboundScrape scrape = new OutboundScrape();
    private final GitHubDeployClient client = new GitHubDeployClient(new GitHubApis(scrape.metrics()));
    private GitHostAccess access;

    @BeforeEach
    void start() throws IOException {
        github.start();
        access = new GitHostAccess(github.baseUrl(), TOKEN);
        github.stubFor(get(urlEqualTo(REPO)).willReturn(okJson(fixture("repository.json"))));
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    @Test
    void GIVEN_a_branch_WHEN_resolved_THEN_the_commits_API_names_its_sha() throws IOException {
        github.stubFor(get(urlEqualTo(REPO + "/commits/main")).willReturn(okJson(fixture("commit.json"))));

        assertThat(client.resolveCommit(access, "acme/rocket", "main")).isEqualTo(SHA);
        github.verify(getRequestedFor(urlEqualTo(REPO + "/commits/main")).withHeader("Authorization", equalTo("token " + TOKEN)));
    }

    @Test
    void GIVEN_a_ref_github_does_not_know_WHEN_resolved_THEN_it_is_NOT_FOUND_naming_the_ref() {
        github.stubFor(get(urlEqualTo(REPO + "/commits/nope")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"No commit found for SHA: nope\"}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.resolveCommit(access, "acme/rocket", "nope"));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.NOT_FOUND);
        assertThat(failure).hasMessage("No branch, tag or commit nope in acme/rocket");
    }

    @Test
    void GIVEN_a_repository_github_does_not_show_WHEN_resolved_THEN_it_is_NOT_FOUND_naming_the_repository() {
        github.stubFor(get(urlEqualTo("/repos/acme/secret")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Not Found\"}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.resolveCommit(access, "acme/secret", "main"));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.NOT_FOUND);
        assertThat(failure).hasMessage("GitHub has no repository acme/secret, or the token cannot see it");
    }

    @Test
    void GIVEN_a_revoked_token_WHEN_anything_is_asked_THEN_it_is_UNAUTHORIZED() {
        github.stubFor(get(urlEqualTo(REPO)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Bad credentials\"}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.createDeployment(access, "acme/rocket", REQUEST));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.UNAUTHORIZED);
        assertThat(failure).hasMessage("GitHub answered 401");
    }

    @Test
    void GIVEN_the_last_deployed_commit_WHEN_asked_what_a_new_one_ships_THEN_the_compare_API_lists_the_newest_commits_oldest_first() throws IOException {
        github.stubFor(get(urlEqualTo(REPO + "/compare/aaa111...ccc333")).willReturn(okJson(fixture("compare.json"))));

        List<Commit> commits = client.commitsBetween(access, "acme/rocket", "aaa111", "ccc333", 2);

        assertThat(commits).containsExactly(
                new Commit("bbb222", "Paint the rocket", "Bob Builder", "https://github.com/acme/rocket/commit/bbb222", Instant.parse("2026-11-30T11:00:00Z")),
                new Commit("ccc333", "Count down from ten", "Alice Liddell", "https://github.com/acme/rocket/commit/ccc333",
                        Instant.parse("2026-11-30T12:00:00Z")));
    }

    @Test
    void GIVEN_no_earlier_deployment_WHEN_asked_what_one_ships_THEN_the_newest_commits_of_the_head_come_oldest_first() throws IOException {
        github.stubFor(get(urlPathEqualTo(REPO + "/commits")).willReturn(okJson(fixture("commits.json"))));

        List<Commit> commits = client.commitsBetween(access, "acme/rocket", null, "ccc333", 2);

        assertThat(commits).extracting(Commit::sha).containsExactly("bbb222", "ccc333");
        github.verify(getRequestedFor(urlPathEqualTo(REPO + "/commits")).withQueryParam("sha", equalTo("ccc333"))
                .withQueryParam("per_page", equalTo("2")));
    }

    @Test
    void GIVEN_a_deploy_request_WHEN_a_deployment_is_created_THEN_github_gets_ref_environment_and_who_asked_and_its_id_comes_back() throws IOException {
        github.stubFor(post(urlEqualTo(REPO + "/deployments")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("deployment.json"))));

        Started started = client.createDeployment(access, "acme/rocket", REQUEST);

        assertThat(started).isEqualTo(new Started("1234567", "https://github.com/acme/rocket/deployments"));
        github.verify(postRequestedFor(urlEqualTo(REPO + "/deployments")).withHeader("Authorization", equalTo("token " + TOKEN))
                .withRequestBody(equalToJson("""
                        {"ref": "main", "environment": "production", "auto_merge": false, "description": "Deployed from chat by alice",
                         "payload": "${json-unit.any-string}"}""")));
        JsonNode payload = new ObjectMapper().readTree(new ObjectMapper().readTree(github.getAllServeEvents().get(0).getRequest().getBodyAsString())
                .path("payload").asText());
        assertThat(payload).isEqualTo(new ObjectMapper().readTree("{\"ticolops_deployment\": 42, \"requested_by\": \"alice\", \"sha\": \"" + SHA + "\"}"));
    }

    @Test
    void GIVEN_a_ref_github_does_not_know_WHEN_a_deployment_is_created_THEN_it_is_NOT_FOUND_naming_the_ref() {
        github.stubFor(post(urlEqualTo(REPO + "/deployments")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"No ref found for: nope\"}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class,
                () -> client.createDeployment(access, "acme/rocket", new DeployRequest(42, "nope", null, "production", "alice")));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.NOT_FOUND);
        assertThat(failure).hasMessage("No branch, tag or commit nope in acme/rocket");
    }

    @Test
    void GIVEN_failing_commit_checks_WHEN_a_deployment_is_created_THEN_it_FAILED_in_githubs_words() {
        github.stubFor(post(urlEqualTo(REPO + "/deployments")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Conflict: Commit status checks failed for main.\"}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.createDeployment(access, "acme/rocket", REQUEST));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.FAILED);
        assertThat(failure).hasMessage("GitHub refused the deployment (409): Conflict: Commit status checks failed for main.");
    }

    @Test
    void GIVEN_a_workflow_file_WHEN_dispatched_THEN_github_gets_the_ref_and_the_four_inputs_with_the_exact_commit() throws IOException {
        github.stubFor(get(urlEqualTo(REPO + "/actions/workflows/deploy.yml")).willReturn(okJson(fixture("workflow.json"))));
        github.stubFor(post(urlEqualTo(REPO + "/actions/workflows/161335/dispatches")).willReturn(aResponse().withStatus(204)));

        Started started = client.dispatchWorkflow(access, "acme/rocket", "deploy.yml", REQUEST);

        assertThat(started).isEqualTo(new Started(null, "https://github.com/acme/rocket/actions/workflows/deploy.yml"));
        github.verify(postRequestedFor(urlEqualTo(REPO + "/actions/workflows/161335/dispatches")).withHeader("Authorization", equalTo("token " + TOKEN))
                .withRequestBody(equalToJson("""
                        {"ref": "main", "inputs": {"environment": "production", "ref": "%s", "requested_by": "alice", "ticolops_deployment": "42"}}"""
                        .formatted(SHA))));
    }

    @Test
    void GIVEN_a_workflow_that_does_not_exist_WHEN_dispatched_THEN_it_is_NOT_FOUND_naming_the_workflow() {
        github.stubFor(get(urlEqualTo(REPO + "/actions/workflows/deploy.yml")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Not Found\"}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.dispatchWorkflow(access, "acme/rocket", "deploy.yml", REQUEST));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.NOT_FOUND);
        assertThat(failure.getMessage()).startsWith("No workflow deploy.yml in acme/rocket");
    }

    @Test
    void GIVEN_a_workflow_that_declares_no_such_inputs_WHEN_dispatched_THEN_it_FAILED_in_githubs_words() throws IOException {
        github.stubFor(get(urlEqualTo(REPO + "/actions/workflows/deploy.yml")).willReturn(okJson(fixture("workflow.json"))));
        github.stubFor(post(urlEqualTo(REPO + "/actions/workflows/161335/dispatches")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Unexpected inputs provided: [\\\"ticolops_deployment\\\"]\"}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.dispatchWorkflow(access, "acme/rocket", "deploy.yml", REQUEST));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.FAILED);
        assertThat(failure).hasMessage("GitHub refused the dispatch of deploy.yml (422): Unexpected inputs provided: [\"ticolops_deployment\"]");
    }

    @Test
    void GIVEN_a_branch_github_does_not_know_WHEN_a_workflow_is_dispatched_on_it_THEN_it_is_NOT_FOUND_naming_the_ref() throws IOException {
        github.stubFor(get(urlEqualTo(REPO + "/actions/workflows/deploy.yml")).willReturn(okJson(fixture("workflow.json"))));
        github.stubFor(post(urlEqualTo(REPO + "/actions/workflows/161335/dispatches")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"No ref found for: nope\"}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class,
                () -> client.dispatchWorkflow(access, "acme/rocket", "deploy.yml", new DeployRequest(42, "nope", null, "production", "alice")));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.NOT_FOUND);
        assertThat(failure).hasMessage("No branch, tag or commit nope in acme/rocket");
    }

    @Test
    void GIVEN_a_failed_run_WHEN_its_log_is_asked_THEN_the_first_failed_jobs_log_is_read_through_githubs_redirect_and_its_last_lines_come_back()
            throws IOException {
        github.stubFor(get(urlEqualTo(REPO + "/actions/runs/30433642")).willReturn(okJson(fixture("workflow-run.json"))));
        github.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/jobs")).willReturn(okJson(fixture("workflow-run-jobs.json"))));
        github.stubFor(get(urlEqualTo(REPO + "/actions/jobs/399444496/logs")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", github.baseUrl() + "/job-logs/399444496?sig=short-lived")));
        github.stubFor(get(urlPathEqualTo("/job-logs/399444496")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody(fixture("job-399444496.log"))));

        List<String> tail = client.failedJobLogTail(access, "acme/rocket", 30433642, 2);

        assertThat(tail).containsExactly("Error: Missing environment variable VERCEL_TOKEN", "##[error]Process completed with exit code 1.");
        github.verify(getRequestedFor(urlPathEqualTo("/job-logs/399444496")).withQueryParam("sig", equalTo("short-lived")));
        github.verify(0, getRequestedFor(urlEqualTo(REPO + "/actions/jobs/399444497/logs")));
        List<ServeEvent> served = github.getAllServeEvents();
        assertThat(served).filteredOn(event -> event.getResponse().getStatus() == 302).hasSize(1);
        assertThat(scrape.calls("github", "success")).as("the redirect github-api follows included")
                .isEqualTo(served.stream().filter(event -> event.getResponse().getStatus() < 400).count());
    }

    @Test
    void GIVEN_a_run_whose_jobs_all_passed_WHEN_its_log_is_asked_THEN_there_are_no_lines() throws IOException {
        github.stubFor(get(urlEqualTo(REPO + "/actions/runs/30433642")).willReturn(okJson(fixture("workflow-run.json"))));
        github.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/jobs")).willReturn(okJson(fixture("workflow-run-jobs-all-passed.json"))));

        assertThat(client.failedJobLogTail(access, "acme/rocket", 30433642, 30)).isEmpty();
    }

    @Test
    void GIVEN_a_log_github_no_longer_keeps_WHEN_asked_THEN_there_are_no_lines() throws IOException {
        github.stubFor(get(urlEqualTo(REPO + "/actions/runs/30433642")).willReturn(okJson(fixture("workflow-run.json"))));
        github.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/jobs")).willReturn(okJson(fixture("workflow-run-jobs.json"))));
        github.stubFor(get(urlEqualTo(REPO + "/actions/jobs/399444496/logs")).willReturn(aResponse().withStatus(410)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Gone\"}")));

        assertThat(client.failedJobLogTail(access, "acme/rocket", 30433642, 30)).isEmpty();
    }

    @Test
    void GIVEN_a_repository_WHEN_its_top_level_files_are_read_THEN_every_name_comes_with_the_text_of_those_wanted() throws IOException {
        github.stubFor(get(urlPathEqualTo(REPO + "/contents/")).willReturn(okJson(fixture("contents-root.json"))));
        github.stubFor(get(urlPathEqualTo(REPO + "/contents/package.json")).willReturn(okJson(fixture("contents-package-json.json"))));

        Map<String, String> files = client.topLevelFiles(access, "acme/rocket", List.of("package.json", "Dockerfile", "src"));

        assertThat(files).containsOnlyKeys("package.json", "README.md", "src").containsEntry("README.md", null).containsEntry("src", null);
        assertThat(files.get("package.json")).contains("\"build\": \"next build\"");
        github.verify(0, getRequestedFor(urlPathEqualTo(REPO + "/contents/README.md")));
    }

    @Test
    void GIVEN_an_access_pinned_to_checked_addresses_WHEN_called_THEN_nothing_is_sent_because_github_api_resolves_names_itself() throws IOException {
        GitHostAccess pinned = new GitHostAccess(github.baseUrl(), TOKEN, List.of(InetAddress.getByName("127.0.0.1")));

        assertThatThrownBy(() -> client.resolveCommit(pinned, "acme/rocket", "main")).isInstanceOf(GitHostException.class)
                .hasMessage("GitHub's API is called only at the address configured in ticolops.github.api-url");
        github.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void GIVEN_github_WHEN_asked_for_gitlabs_executors_THEN_it_says_which_executor_to_use() {
        assertThatThrownBy(() -> client.createPipeline(access, "acme/rocket", REQUEST)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("GitHub Actions workflow");
        assertThatThrownBy(() -> client.playManualJob(access, "acme/rocket", "deploy", REQUEST)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("GitHub Actions workflow");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = GitHubDeployClientTest.class.getResourceAsStream("api/" + name)) {
            assertThat(in).as("test fixture api/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
