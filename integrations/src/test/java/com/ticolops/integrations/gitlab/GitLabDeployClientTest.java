package com.ticolops.integrations.gitlab;

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

import com.github.tomakehurst.wiremock.WireMockServer;
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

/**
 * WireMock as a self-hosted GitLab whose name ({@code gitlab.example.test}) resolves nowhere: every call reaches it only
 * through the address pinned by the SSRF check. Each test checks the exact request GitLab4J made.
 */
class GitLabDeployClientTest {

    private static final String TOKEN = "glpat-" + "E".repeat(20);
    private static final String PROJECT = "/api/v4/projects/acme%2Frocket";
    private static final String SHA = "b83d6e391c22777fca1ed3012fce84f633d7fed0";
    private static final DeployRequest REQUEST = new DeployRequest(42, "main", SHA, "production", "carol");

    private final WireMockServer gitlab = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final OutboundScrape scrape = new OutboundScrape();
    private final GitLabDeployClient client = new GitLabDeployClient(new GitLabApis(scrape.metrics()));
    private GitHostAccess access;

    @BeforeEach
    void start() throws IOException {
        gitlab.start();
        access = new GitHostAccess("http://gitlab.example.test:" + gitlab.port(), TOKEN, List.of(InetAddress.getByName("127.0.0.1")));
    }

    @AfterEach
    void stop() {
        gitlab.stop();
    }

    @Test
    void GIVEN_a_branch_WHEN_resolved_THEN_the_commits_API_at_the_pinned_address_names_its_sha() throws IOException {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/repository/commits/main")).willReturn(okJson(fixture("commit.json"))));

        assertThat(client.resolveCommit(access, "acme/rocket", "main")).isEqualTo(SHA);
        gitlab.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/repository/commits/main")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withHeader("Host", equalTo("gitlab.example.test:" + gitlab.port())));
    }

    @Test
    void GIVEN_a_ref_gitlab_does_not_know_WHEN_resolved_THEN_it_is_NOT_FOUND_naming_the_ref() {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/repository/commits/nope")).willReturn(notFound("404 Commit Not Found")));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.resolveCommit(access, "acme/rocket", "nope"));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.NOT_FOUND);
        assertThat(failure).hasMessage("No branch, tag or commit nope in acme/rocket");
    }

    @Test
    void GIVEN_a_project_gitlab_does_not_show_WHEN_resolved_THEN_it_is_NOT_FOUND_naming_the_project() {
        gitlab.stubFor(get(urlPathEqualTo("/api/v4/projects/acme%2Fsecret/repository/commits/main")).willReturn(notFound("404 Project Not Found")));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.resolveCommit(access, "acme/secret", "main"));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.NOT_FOUND);
        assertThat(failure).hasMessage("GitLab has no project acme/secret, or the token cannot see it");
    }

    @Test
    void GIVEN_a_revoked_token_WHEN_a_pipeline_is_created_THEN_it_is_UNAUTHORIZED() {
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipeline")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"401 Unauthorized\"}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.createPipeline(access, "acme/rocket", REQUEST));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.UNAUTHORIZED);
        assertThat(failure).hasMessage("GitLab answered 401");
        assertThat(scrape.calls("gitlab", "client_error")).isEqualTo(1);
    }

    @Test
    void GIVEN_the_last_deployed_commit_WHEN_asked_what_a_new_one_ships_THEN_the_compare_API_lists_the_newest_commits_oldest_first() throws IOException {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/repository/compare")).willReturn(okJson(fixture("compare.json"))));

        List<Commit> commits = client.commitsBetween(access, "acme/rocket", "aaa111", "ccc333", 2);

        assertThat(commits).containsExactly(
                new Commit("bbb222", "Paint the rocket", "Dan Ops", "https://gitlab.example.com/acme/rocket/-/commit/bbb222",
                        Instant.parse("2026-11-30T11:00:00Z")),
                new Commit("ccc333", "Count down from ten", "Carol Lab", "https://gitlab.example.com/acme/rocket/-/commit/ccc333",
                        Instant.parse("2026-11-30T12:00:00Z")));
        gitlab.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/repository/compare")).withQueryParam("from", equalTo("aaa111"))
                .withQueryParam("to", equalTo("ccc333")));
    }

    @Test
    void GIVEN_no_earlier_deployment_WHEN_asked_what_one_ships_THEN_the_newest_commits_of_the_head_come_oldest_first() throws IOException {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/repository/commits")).willReturn(okJson(fixture("commits.json"))));

        List<Commit> commits = client.commitsBetween(access, "acme/rocket", null, "ccc333", 2);

        assertThat(commits).extracting(Commit::sha).containsExactly("bbb222", "ccc333");
        gitlab.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/repository/commits")).withQueryParam("ref_name", equalTo("ccc333"))
                .withQueryParam("per_page", equalTo("2")));
    }

    @Test
    void GIVEN_a_deploy_request_WHEN_a_pipeline_is_created_THEN_gitlab_gets_the_ref_and_the_four_variables_and_the_pipeline_id_comes_back()
            throws IOException {
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipeline")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("pipeline-created.json"))));

        Started started = client.createPipeline(access, "acme/rocket", REQUEST);

        assertThat(started).isEqualTo(new Started("61", "https://gitlab.example.com/acme/rocket/-/pipelines/61"));
        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT + "/pipeline")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson("""
                        {"ref": "main", "variables": [{"key": "TICOLOPS_ENVIRONMENT", "value": "production"},
                         {"key": "TICOLOPS_REQUESTED_BY", "value": "carol"}, {"key": "TICOLOPS_DEPLOYMENT", "value": "42"},
                         {"key": "TICOLOPS_SHA", "value": "%s"}]}""".formatted(SHA))));
    }

    @Test
    void GIVEN_a_ref_gitlab_does_not_know_WHEN_a_pipeline_is_created_THEN_it_is_NOT_FOUND_naming_the_ref() {
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipeline")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": {\"base\": [\"Reference not found\"]}}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class,
                () -> client.createPipeline(access, "acme/rocket", new DeployRequest(42, "nope", null, "production", "carol")));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.NOT_FOUND);
        assertThat(failure).hasMessage("No branch, tag or commit nope in acme/rocket");
    }

    @Test
    void GIVEN_a_ref_with_no_jobs_for_it_WHEN_a_pipeline_is_created_THEN_it_FAILED_in_gitlabs_words() {
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipeline")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": {\"base\": [\"No stages / jobs for this pipeline.\"]}}")));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.createPipeline(access, "acme/rocket", REQUEST));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.FAILED);
        assertThat(failure.getMessage()).startsWith("GitLab refused the pipeline (400): ").contains("No stages / jobs for this pipeline.");
    }

    @Test
    void GIVEN_a_pipeline_waiting_on_a_manual_deploy_job_WHEN_it_is_played_THEN_that_job_of_the_latest_pipeline_on_the_ref_plays_with_the_variables()
            throws IOException {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines")).willReturn(okJson(fixture("pipelines-latest.json"))));
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines/60/jobs")).willReturn(okJson(fixture("jobs-manual.json"))));
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/jobs/7/play")).willReturn(okJson(fixture("job-played.json"))));

        Started started = client.playManualJob(access, "acme/rocket", "deploy-production", REQUEST);

        assertThat(started).isEqualTo(new Started("60", "https://gitlab.example.com/acme/rocket/-/jobs/7"));
        gitlab.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/pipelines")).withQueryParam("ref", equalTo("main"))
                .withQueryParam("order_by", equalTo("id")).withQueryParam("sort", equalTo("desc")).withQueryParam("per_page", equalTo("1")));
        gitlab.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/pipelines/60/jobs")).withQueryParam("scope", equalTo("manual")));
        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT + "/jobs/7/play")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson("""
                        {"job_variables_attributes": [{"key": "TICOLOPS_ENVIRONMENT", "value": "production"},
                         {"key": "TICOLOPS_REQUESTED_BY", "value": "carol"}, {"key": "TICOLOPS_DEPLOYMENT", "value": "42"},
                         {"key": "TICOLOPS_SHA", "value": "%s"}]}""".formatted(SHA))));
        assertThat(scrape.calls("gitlab", "success")).as("each of the call's three requests").isEqualTo(3);
    }

    @Test
    void GIVEN_no_pipeline_on_the_ref_WHEN_a_manual_job_is_played_THEN_it_is_NOT_FOUND_saying_what_to_do() {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines")).willReturn(okJson("[]")));

        GitHostException failure = catchThrowableOfType(GitHostException.class,
                () -> client.playManualJob(access, "acme/rocket", "deploy-production", REQUEST));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.NOT_FOUND);
        assertThat(failure).hasMessage("No pipeline on main in acme/rocket to play deploy-production of: push to it first, or use the GitLab pipeline executor");
    }

    @Test
    void GIVEN_a_latest_pipeline_without_that_manual_job_WHEN_it_is_played_THEN_it_is_NOT_FOUND_naming_the_job_and_nothing_plays() throws IOException {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines")).willReturn(okJson(fixture("pipelines-latest.json"))));
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines/60/jobs")).willReturn(okJson(fixture("jobs-manual.json"))));

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> client.playManualJob(access, "acme/rocket", "release", REQUEST));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.NOT_FOUND);
        assertThat(failure).hasMessage("The latest pipeline on main in acme/rocket (#60) has no manual job named release");
        gitlab.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void GIVEN_a_failed_pipeline_WHEN_its_log_is_asked_THEN_the_trace_of_the_first_job_that_failed_it_comes_back_as_a_person_reads_it()
            throws IOException {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines/60/jobs")).willReturn(okJson(fixture("jobs-failed.json"))));
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/jobs/8/trace")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody(fixture("job-8.trace"))));

        List<String> tail = client.failedJobLogTail(access, "acme/rocket", 60, 4);

        assertThat(tail).containsExactly("Executing \"step_script\" stage of the job script", "$ mvn -B verify", "[ERROR] Tests run: 12, Failures: 1",
                "ERROR: Job failed: exit code 1");
        gitlab.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/pipelines/60/jobs")).withQueryParam("scope", equalTo("failed")));
        gitlab.verify(0, getRequestedFor(urlPathEqualTo(PROJECT + "/jobs/9/trace")));
        gitlab.verify(0, getRequestedFor(urlPathEqualTo(PROJECT + "/jobs/10/trace")));
    }

    @Test
    void GIVEN_a_pipeline_without_failed_jobs_WHEN_its_log_is_asked_THEN_there_are_no_lines() {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines/60/jobs")).willReturn(okJson("[]")));

        assertThat(client.failedJobLogTail(access, "acme/rocket", 60, 30)).isEmpty();
    }

    @Test
    void GIVEN_a_project_WHEN_its_top_level_files_are_read_THEN_the_default_branchs_names_come_with_the_text_of_those_wanted() throws IOException {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT)).willReturn(okJson(fixture("project.json"))));
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/repository/tree")).willReturn(okJson(fixture("tree.json"))));
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/repository/files/Dockerfile")).willReturn(okJson(fixture("file-dockerfile.json"))));

        Map<String, String> files = client.topLevelFiles(access, "acme/rocket", List.of("Dockerfile", "package.json"));

        assertThat(files).containsOnlyKeys("src", "Dockerfile", ".gitlab-ci.yml").containsEntry("src", null).containsEntry(".gitlab-ci.yml", null)
                .containsEntry("Dockerfile", "FROM eclipse-temurin:17-jre\nCOPY target/app.jar /app.jar\nEXPOSE 8080\n");
        gitlab.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/repository/tree")).withQueryParam("ref", equalTo("main")));
        gitlab.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/repository/files/Dockerfile")).withQueryParam("ref", equalTo("main")));
    }

    @Test
    void GIVEN_gitlab_WHEN_asked_for_githubs_executors_THEN_it_says_which_executor_to_use_and_calls_nothing() {
        assertThatThrownBy(() -> client.createDeployment(access, "acme/rocket", REQUEST)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("GitLab pipeline");
        assertThatThrownBy(() -> client.dispatchWorkflow(access, "acme/rocket", "deploy.yml", REQUEST)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("GitLab pipeline");
        gitlab.verify(0, anyRequestedFor(anyUrl()));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder notFound(String message) {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"message\": \"" + message + "\"}");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = GitLabDeployClientTest.class.getResourceAsStream("api/" + name)) {
            assertThat(in).as("test fixture api/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
