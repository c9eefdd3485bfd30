package com.ticolops.bot.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A GitLab project deployed by a new pipeline through the real GitLab deploy client (GitLab's API in WireMock), the
 * pipeline followed by its Pipeline Hook deliveries by its id, its failed job's trace shown with a hint.
 */
class GitLabPipelineDeployTest extends DeploymentTestBase {

    private static final Duration WAIT = Duration.ofSeconds(10);

    String project = "acme/" + Names.unique("shop");
    /** GitLab4J writes the project's path URL-encoded, down to the dashes. */
    String path = "/api/v4/projects/" + project.replace("-", "%2D").replace("/", "%2F");
    String hookToken;

    @BeforeEach
    void aGitLabProjectWithATokenAndAPipelineExecutor() {
        hookToken = ticolops.connectGitLab(alice, channel, project);
        assertThat(command(alice, "repo token gitlab " + GITLAB_TOKEN + " " + project).text()).startsWith("Saved");
        String commit = """
                {"id": "%s", "short_id": "3333333", "title": "Fix the checkout", "message": "Fix the checkout\\n", "author_name": "Carol Lab",
                 "author_email": "carol@example.com", "authored_date": "2026-11-30T10:00:00.000+00:00", "committer_name": "Carol Lab",
                 "committed_date": "2026-11-30T10:00:00.000+00:00", "created_at": "2026-11-30T10:00:00.000+00:00", "parent_ids": [],
                 "web_url": "https://gitlab.example.com/%s/-/commit/%s"}""".formatted(MAIN, project, MAIN);
        api.stubFor(get(urlPathEqualTo(path + "/repository/commits/main")).willReturn(okJson(commit)));
        api.stubFor(get(urlPathEqualTo(path + "/repository/commits")).willReturn(okJson("[" + commit + "]")));
        api.stubFor(post(urlPathEqualTo(path + "/pipeline")).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": 3100, "iid": 41, "project_id": 15, "status": "created", "ref": "main", "sha": "%s",
                         "web_url": "https://gitlab.example.com/%s/-/pipelines/3100", "created_at": "2026-12-01T12:00:00.000Z"}"""
                        .formatted(MAIN, project))));
        api.stubFor(get(urlPathEqualTo(path + "/pipelines/3100/jobs")).willReturn(okJson("""
                [{"id": 8, "name": "deploy", "stage": "deploy", "status": "failed", "ref": "main", "tag": false, "allow_failure": false,
                  "created_at": "2026-12-01T12:00:00.000Z", "web_url": "https://gitlab.example.com/%s/-/jobs/8",
                  "pipeline": {"id": 3100, "project_id": 15, "ref": "main", "sha": "%s", "status": "failed"}}]""".formatted(project, MAIN))));
        api.stubFor(get(urlPathEqualTo(path + "/jobs/8/trace")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
                .withBody(Payloads.text(GitLabPipelineDeployTest.class, "logs/permission-denied.log"))));
        assertThat(command(alice, "env add " + project + " production gitlab-pipeline url=https://shop.example.com").text())
                .isEqualTo("Added environment production to " + project + ", deployed by the GitLab pipeline, as its default.");
    }

    @Test
    void aPipelineIsCreatedWithOurVariablesAndItsHooksMoveTheMessageToFailedWithTheTraceAndAHint() {
        // WHEN alice deploys main
        assertThat(command(alice, "deploy " + project + " main production").text()).isEqualTo("Deploying 3333333 to production…");
        long id = ((Number) jdbc.sql("select max(d.id) from deployments d join repositories r on r.id = d.repository_id where r.full_name = ?")
                .param(project).query(Long.class).single()).longValue();

        // THEN GitLab gets a pipeline on main with the variables naming the environment, who asked and the deployment
        await().atMost(WAIT).untilAsserted(() -> api.verify(1, postRequestedFor(urlPathEqualTo(path + "/pipeline")).withRequestBody(equalToJson("""
                {"ref": "main", "variables": [{"key": "TICOLOPS_ENVIRONMENT", "value": "production"},
                 {"key": "TICOLOPS_REQUESTED_BY", "value": "@%s"}, {"key": "TICOLOPS_DEPLOYMENT", "value": "%d"},
                 {"key": "TICOLOPS_SHA", "value": "%s"}]}""".formatted(alice, id, MAIN)))));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages(project)).containsExactly(
                "Deployment #" + id + ": " + project + " 3333333 (main) to production — queued"));

        // WHEN GitLab reports the pipeline running, then failed
        pipeline("running", Map.of("TICOLOPS_DEPLOYMENT", String.valueOf(id)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages(project)).containsExactly(
                "Deployment #" + id + ": " + project + " 3333333 (main) to production — building"));
        pipeline("failed", Map.of("TICOLOPS_DEPLOYMENT", String.valueOf(id)));

        // THEN the message shows the failed job's trace and the hint for it
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages(project)).containsExactly(
                "Deployment #" + id + ": " + project + " 3333333 (main) to production — failed"));
        String message = ticolops.channelMessages(channel, 0).stream().filter(m -> m.path("message").path("text").asString()
                .startsWith("Deployment #" + id + ":")).findFirst().orElseThrow().toString();
        assertThat(message).contains("./scripts/deploy.sh: Permission denied")
                .contains("The job was not allowed to do something").contains("https://gitlab.example.com/" + project + "/-/pipelines/3100");
    }

    @Test
    void aCancelledDeploymentCancelsItsPipeline() {
        api.stubFor(post(urlPathEqualTo(path + "/pipelines/3100/cancel")).willReturn(okJson("""
                {"id": 3100, "iid": 41, "project_id": 15, "status": "canceled", "ref": "main", "sha": "%s"}""".formatted(MAIN))));
        command(alice, "deploy " + project + " main production");
        long id = jdbc.sql("select max(d.id) from deployments d join repositories r on r.id = d.repository_id where r.full_name = ?")
                .param(project).query(Long.class).single();
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("select coalesce(provider_id, '') from deployments where id = ?").param(id)
                .query(String.class).single()).isEqualTo("3100"));

        assertThat(command(alice, "deploy cancel " + id).text()).isEqualTo("@" + alice + " cancelled deployment #" + id + " of " + project
                + " 3333333 to production.");

        api.verify(1, postRequestedFor(urlPathEqualTo(path + "/pipelines/3100/cancel")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages(project)).containsExactly(
                "Deployment #" + id + ": " + project + " 3333333 (main) to production — cancelled"));
    }

    @Test
    void thePipelinesDeployJobMovesTheDeploymentAndGitLabsDeploymentEventsNamingThatJobFinishIt() {
        // GIVEN main being deployed by pipeline 3100
        command(alice, "deploy " + project + " main production");
        long id = jdbc.sql("select max(d.id) from deployments d join repositories r on r.id = d.repository_id where r.full_name = ?")
                .param(project).query(Long.class).single();
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages(project)).containsExactly(
                "Deployment #" + id + ": " + project + " 3333333 (main) to production — queued"));

        // WHEN a test job of the pipeline runs, THEN nothing moves: it deploys nothing
        job(800, "test", null, "running");
        // WHEN its job deploying to production runs
        job(801, "deploy-production", "production", "running");

        // THEN the deployment is building, and knows that job
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages(project)).containsExactly(
                "Deployment #" + id + ": " + project + " 3333333 (main) to production — building"));
        assertThat(jdbc.sql("select provider_job_id from deployments where id = ?").param(id).query(String.class).single()).isEqualTo("801");

        // WHEN GitLab reports the deployment made by job 801 successful
        deployment(801, "success");

        // THEN the message ends on success, with the environment's button
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages(project)).containsExactly(
                "Deployment #" + id + ": " + project + " 3333333 (main) to production — succeeded"));
        assertThat(jdbc.sql("select status || ' ' || environment_url from deployments where id = ?").param(id).query(String.class).single())
                .isEqualTo("success https://shop.example.com");
    }

    @Test
    void withoutJobEventsTheDeploymentEventForThatEnvironmentAndCommitFinishesIt() {
        command(alice, "deploy " + project + " main production");
        long id = jdbc.sql("select max(d.id) from deployments d join repositories r on r.id = d.repository_id where r.full_name = ?")
                .param(project).query(Long.class).single();
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("select coalesce(provider_id, '') from deployments where id = ?").param(id)
                .query(String.class).single()).isEqualTo("3100"));

        deployment(801, "success");

        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages(project)).containsExactly(
                "Deployment #" + id + ": " + project + " 3333333 (main) to production — succeeded"));
        assertThat(jdbc.sql("select provider_job_id from deployments where id = ?").param(id).query(String.class).single()).isEqualTo("801");
    }

    @Test
    void aDeploymentEventOfAnotherJobChangesNothing() {
        command(alice, "deploy " + project + " main production");
        long id = jdbc.sql("select max(d.id) from deployments d join repositories r on r.id = d.repository_id where r.full_name = ?")
                .param(project).query(Long.class).single();
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("select coalesce(provider_id, '') from deployments where id = ?").param(id)
                .query(String.class).single()).isEqualTo("3100"));
        job(801, "deploy-production", "production", "running");
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("select status from deployments where id = ?").param(id).query(String.class).single())
                .isEqualTo("building"));

        deployment(999, "failed");

        await().during(Duration.ofMillis(500)).atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("select status from deployments where id = ?")
                .param(id).query(String.class).single()).isEqualTo("building"));
    }

    /** GitLab's Job Hook for a job of pipeline 3100, sent with the project's secret token. */
    private void job(long jobId, String name, String environment, String status) {
        String body = """
                {"object_kind": "build", "ref": "main", "tag": false, "sha": "%s", "build_id": %d, "build_name": "%s", "build_stage": "deploy",
                 "build_status": "%s", "pipeline_id": 3100, "project_id": 15, "project_name": "acme / shop",
                 "user": {"id": 4, "name": "Carol Lab", "username": "carol-gl"},
                 "project": {"id": 15, "name": "shop", "web_url": "https://gitlab.example.com/%s", "path_with_namespace": "%s", "default_branch": "main"},
                 "environment": %s}"""
                .formatted(MAIN, jobId, name, status, project, project, environment == null ? "null" : "{\"name\": \"" + environment + "\", \"action\": \"start\"}");
        assertThat(ticolops.gitLabDelivery("Job Hook", UUID.randomUUID().toString(), body.getBytes(StandardCharsets.UTF_8), hookToken).status())
                .isEqualTo(202);
    }

    /** GitLab's Deployment Hook for the deployment job {@code jobId} made to production. */
    private void deployment(long jobId, String status) {
        String body = """
                {"object_kind": "deployment", "status": "%s", "status_changed_at": "2026-12-01 12:01:00 +0000", "deployment_id": 15,
                 "deployable_id": %d, "deployable_url": "https://gitlab.example.com/%s/-/jobs/%d", "environment": "production",
                 "environment_external_url": "https://shop.example.com",
                 "project": {"id": 15, "name": "shop", "web_url": "https://gitlab.example.com/%s", "path_with_namespace": "%s", "default_branch": "main"},
                 "short_sha": "3333333", "user": {"id": 4, "name": "Carol Lab", "username": "carol-gl"},
                 "commit_url": "https://gitlab.example.com/%s/-/commit/%s", "commit_title": "Fix the checkout"}"""
                .formatted(status, jobId, project, jobId, project, project, project, MAIN);
        assertThat(ticolops.gitLabDelivery("Deployment Hook", UUID.randomUUID().toString(), body.getBytes(StandardCharsets.UTF_8), hookToken).status())
                .isEqualTo(202);
    }

    /** GitLab's Pipeline Hook for pipeline 3100 in this state, with its variables, sent with the project's secret token. */
    private void pipeline(String status, Map<String, String> variables) {
        String vars = variables.entrySet().stream().map(v -> "{\"key\": \"" + v.getKey() + "\", \"value\": \"" + v.getValue() + "\"}")
                .collect(java.util.stream.Collectors.joining(","));
        String body = """
                {"object_kind": "pipeline",
                 "object_attributes": {"id": 3100, "iid": 41, "name": "Deploy", "ref": "main", "tag": false, "sha": "%s", "source": "api",
                   "status": "%s", "detailed_status": "%s", "stages": ["deploy"], "created_at": "2026-12-01 12:00:00 UTC",
                   "finished_at": %s, "duration": 30, "url": "https://gitlab.example.com/%s/-/pipelines/3100", "variables": [%s]},
                 "user": {"id": 4, "name": "Carol Lab", "username": "carol-gl"},
                 "project": {"id": 15, "name": "shop", "web_url": "https://gitlab.example.com/%s", "path_with_namespace": "%s", "default_branch": "main"},
                 "commit": {"id": "%s", "message": "Fix the checkout", "title": "Fix the checkout"}, "builds": []}"""
                .formatted(MAIN, status, status, status.equals("running") ? "null" : "\"2026-12-01 12:00:30 UTC\"", project, vars, project, project, MAIN);
        assertThat(ticolops.gitLabDelivery("Pipeline Hook", UUID.randomUUID().toString(), body.getBytes(StandardCharsets.UTF_8), hookToken).status())
                .isEqualTo(202);
    }

    private java.util.List<String> deploymentMessages(String of) {
        return deploymentMessages().stream().filter(text -> text.contains(" " + of + " ")).toList();
    }
}
