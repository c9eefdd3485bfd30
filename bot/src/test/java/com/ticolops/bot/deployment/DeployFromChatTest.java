package com.ticolops.bot.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Ticolops;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A maintainer deploys from the console and watches the deployment's one message move as GitHub reports. */
class DeployFromChatTest extends DeploymentTestBase {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aDeployAcksAtOnceAndItsOneMessageMovesFromQueuedToBuildingToSuccessWithTheEnvironmentButton() {
        // GIVEN production deployed through GitHub's Deployments API
        assertThat(command(alice, "env add " + repository + " production github-deployments url=https://shop.example.com").text())
                .isEqualTo("Added environment production to " + repository + ", deployed by the GitHub Deployments API, as its default.");

        // WHEN alice deploys main
        Ticolops.Response ack = command(alice, "deploy " + repository + " main production");

        // THEN she is told at once, and GitHub is asked for a deployment of that very commit, naming her
        assertThat(ack.text()).isEqualTo("Deploying 3333333 to production…");
        await().atMost(WAIT).untilAsserted(() -> assertThat(github.deploymentsCreated()).singleElement().satisfies(body -> {
            assertThat(body.path("ref").asString()).isEqualTo(MAIN);
            assertThat(body.path("environment").asString()).isEqualTo("production");
            assertThat(body.path("auto_merge").asBoolean()).isFalse();
            assertThat(body.path("payload").asString()).contains("\"requested_by\":\"@" + alice + "\"")
                    .contains("\"ticolops_deployment\":" + latestDeployment().get("id"));
        }));
        long id = ((Number) latestDeployment().get("id")).longValue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("provider_id", "7001"));
        String providerId = "7001";
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages())
                .containsExactly("Deployment #" + id + ": " + repository + " 3333333 (main) to production — queued"));

        // WHEN GitHub reports it in progress, then successful, then in progress again (a late redelivery)
        assertThat(deploymentStatus(providerId, "in_progress", MAIN, "production").status()).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages())
                .containsExactly("Deployment #" + id + ": " + repository + " 3333333 (main) to production — building"));
        deploymentStatus(providerId, "success", MAIN, "production");
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages())
                .containsExactly("Deployment #" + id + ": " + repository + " 3333333 (main) to production — succeeded"));
        deploymentStatus(providerId, "in_progress", MAIN, "production");

        // THEN the one message ends on success, with the commits shipped and a button to the environment
        await().during(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages())
                .containsExactly("Deployment #" + id + ": " + repository + " 3333333 (main) to production — succeeded"));
        String message = ticolops.channelMessages(channel, 0).stream().filter(m -> m.path("message").path("text").asString().startsWith("Deployment #"))
                .findFirst().orElseThrow().toString();
        assertThat(message).contains("Ships 2 commits, by Alice Liddell, Bob Builder").contains("2222222 Add the basket page — Alice Liddell")
                .contains("3333333 Fix rounding of totals — Bob Builder").contains("Open production").contains("https://shop.example.com")
                .contains("@" + alice);
        // AND GitHub's statuses of it were not announced a second time beside it
        assertThat(ticolops.channelTexts(channel)).noneMatch(text -> text.startsWith("Deployment of"));
        // AND the row in PostgreSQL has every step's time and the commits it shipped
        Map<String, Object> row = latestDeployment();
        assertThat(row).containsEntry("status", "success").containsEntry("in_flight", false).containsEntry("environment_url", "https://shop.example.com");
        assertThat(row.get("queued_at")).isNotNull();
        assertThat(row.get("building_at")).isNotNull();
        assertThat(row.get("finished_at")).isNotNull();
        assertThat(jdbc.sql("select sha from deployment_commits where deployment_id = ? order by position").param(id).query(String.class).list())
                .containsExactly("2222222222222222222222222222222222222222", MAIN);
    }

    @Test
    void aChannelSubscribedToTheRepositorysDeploymentsGetsTheSameMessageUpdatedInPlace() {
        String ops = com.ticolops.bot.testsupport.Names.unique("ops");
        ticolops.command(alice, ops, "project use " + project);
        ticolops.command(alice, ops, "subscribe " + repository + " deployments");
        command(alice, "env add " + repository + " production");

        command(alice, "deploy " + repository + " main production");
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("provider_id", "7001"));
        deploymentStatus("7001", "success", MAIN, "production");

        long id = ((Number) latestDeployment().get("id")).longValue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ticolops.channelTexts(ops)).filteredOn(text -> text.startsWith("Deployment #"))
                .containsExactly("Deployment #" + id + ": " + repository + " 3333333 (main) to production — succeeded"));
    }

    @Test
    void aPreviewDeploymentOfAPullRequestsBranchPostsItsLinkInThePullRequestsThread() {
        // GIVEN pull request #12 from basket, announced in the channel, and a preview environment
        ticolops.gitHubDelivery("pull_request", java.util.UUID.randomUUID().toString(),
                com.ticolops.bot.testsupport.Payloads.bytes(com.ticolops.bot.testsupport.Payloads.ANNOUNCEMENT + "pull_request_opened.json", repository),
                secret);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ticolops.channelTexts(channel)).anyMatch(text -> text.contains("pull request #12")));
        long pullRequestMessage = ticolops.channelMessages(channel, 0).stream().filter(m -> m.path("message").path("text").asString()
                .contains("opened pull request #12")).findFirst().orElseThrow().path("id").asLong();
        github.ref("basket", MAIN);
        command(alice, "env add " + repository + " preview/pr-12");

        // WHEN its branch is deployed there and GitHub reports it up
        assertThat(command(alice, "deploy " + repository + " basket preview/pr-12").text()).isEqualTo("Deploying 3333333 to preview/pr-12…");
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("provider_id", "7001"));
        deploymentStatus("7001", "success", MAIN, "preview/pr-12");

        // THEN the preview's link is a reply in the pull request's thread
        await().atMost(WAIT).untilAsserted(() -> assertThat(ticolops.channelMessages(channel, 0))
                .filteredOn(m -> m.path("message").path("text").asString().startsWith("Preview of #12")).singleElement().satisfies(reply -> {
                    assertThat(reply.path("parentId").asLong()).isEqualTo(pullRequestMessage);
                    assertThat(reply.path("message").path("text").asString()).isEqualTo("Preview of #12 (3333333) is up at https://shop.example.com");
                }));
    }

    @Test
    void aDeploymentsApiFailureShowsTheLogOfTheRunItsStatusLinksTo() {
        command(alice, "env add " + repository + " production");
        github.failedRun(3002, com.ticolops.bot.testsupport.Payloads.text(DeployFromChatTest.class, "logs/failing-tests.log").lines().toList());
        command(alice, "deploy " + repository + " main production");
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("provider_id", "7001"));

        deploymentStatus("7001", "failure", MAIN, "production", "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("status", "failed"));
        assertThat((String) latestDeployment().get("failure_log")).contains("[ERROR] Tests run: 12, Failures: 2, Errors: 0, Skipped: 0");
        assertThat((String) latestDeployment().get("failure_hint")).startsWith("Tests failed, so the deployment stopped.");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ticolops.channelMessages(channel, 0).toString())
                .contains("There are test failures.").contains("https://github.com/" + repository + "/actions/runs/3002"));
    }

    @org.springframework.beans.factory.annotation.Autowired
    DeploymentProgress progress;

    @Test
    void aStatusArrivingBeforeGitHubsIdIsRecordedIsLeftToBeDeliveredAgainNotDropped() {
        // GIVEN GitHub slow to answer the deployment's creation
        command(alice, "env add " + repository + " production");
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
                "/repos/" + repository + "/deployments")).atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withFixedDelay(2000).withBody("""
                        {"id": 7001, "sha": "x", "ref": "main", "task": "deploy", "environment": "production", "creator": {"login": "b", "id": 7},
                         "created_at": "2026-12-01T12:00:00Z", "updated_at": "2026-12-01T12:00:00Z"}""")));
        command(alice, "deploy " + repository + " main production");
        var status = new com.ticolops.integrations.git.DeploymentStatusChanged(com.ticolops.integrations.git.GitProvider.GITHUB, "d-1", repository,
                "production", "success", com.ticolops.integrations.git.RepositoryActivity.Outcome.SUCCESS, "main", MAIN, "https://shop.example.com",
                "github-actions[bot]", java.time.Instant.now(), "7001", null);

        // WHEN its status is handled while the creation is still under way, THEN it fails, for the registry to deliver it again
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> progress.follow(status)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("waiting for GitHub's id");

        // AND delivered once the id is recorded, it moves the deployment
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("provider_id", "7001"));
        progress.follow(status);
        assertThat(latestDeployment()).containsEntry("status", "success");
    }

    @Test
    void aSecondWordThatNamesAnEnvironmentIsTheEnvironmentAndTheRefIsTheMainBranch() {
        command(alice, "env add " + repository + " production");
        command(alice, "env add " + repository + " staging");

        assertThat(command(alice, "deploy " + repository + " staging").text()).isEqualTo("Deploying 3333333 to staging…");
        assertThat(latestDeployment()).containsEntry("environment", "staging").containsEntry("ref", "main");
    }

    @Test
    void twoDeploysToOneEnvironmentAtTheSameMomentOneRunsAndTheOtherIsRefusedNamingWhoHoldsIt() throws Exception {
        // GIVEN two maintainers and production
        String carol = member("maintainer");
        command(alice, "env add " + repository + " production");

        // WHEN both deploy at the same moment
        List<Ticolops.Response> replies = Concurrently.run(() -> command(alice, "deploy " + repository + " main production"),
                () -> command(carol, "deploy " + repository + " v1.0 production"));

        // THEN one deploys and the other is told who holds production and since when
        assertThat(replies).extracting(Ticolops.Response::text).filteredOn(text -> text.startsWith("Deploying")).hasSize(1);
        String refused = replies.stream().map(Ticolops.Response::text).filter(text -> !text.startsWith("Deploying")).findFirst().orElseThrow();
        Map<String, Object> running = latestDeployment();
        assertThat(refused).matches("production of " + repository + " is being deployed by " + running.get("requested_by_name")
                + " since [0-9]{2}:[0-9]{2} UTC, less than a minute ago \\(deployment #" + running.get("id") + "\\)\\. Try again when it is done\\.");
        assertThat(deployments()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from deployment_audit where repository = ? and not allowed and reason like 'busy:%'").param(repository)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aDeploymentNoStatusMovedForAnHourIsGivenUpByTheNextDeployInsteadOfHoldingTheEnvironment() {
        command(alice, "env add " + repository + " production");
        command(alice, "deploy " + repository + " main production");
        await().atMost(WAIT).until(() -> latestDeployment().get("provider_id") != null);
        long stuck = ((Number) latestDeployment().get("id")).longValue();
        jdbc.sql("update deployments set pending_at = pending_at - interval '2 hours', queued_at = queued_at - interval '2 hours' where id = ?")
                .param(stuck).update();
        github.nextDeployment(7002);

        assertThat(command(alice, "deploy " + repository + " v1.0 production").text()).isEqualTo("Deploying 1111111 to production…");

        assertThat(deployments()).extracting(row -> row.get("status")).hasSize(2).first().isEqualTo("cancelled");
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages())
                .contains("Deployment #" + stuck + ": " + repository + " 3333333 (main) to production — cancelled"));
        assertThat(command(alice, "audit 5").all()).contains("Ticolops cancel " + repository + " production allowed — #" + stuck
                + ": No status came for 1h 0m; given up so the environment is free.");
    }

    @Test
    void anEnvironmentThatQueuesStartsTheSecondDeployWhenTheFirstEnds() {
        command(alice, "env add " + repository + " production");
        command(alice, "env rules " + repository + " production when-busy=queue");
        command(alice, "deploy " + repository + " main production");
        await().atMost(WAIT).until(() -> latestDeployment().get("provider_id") != null);
        String first = (String) latestDeployment().get("provider_id");

        github.nextDeployment(7002);
        Ticolops.Response second = command(alice, "deploy " + repository + " v1.0 production");

        assertThat(second.text()).startsWith("Queued 1111111 for production behind #");
        deploymentStatus(first, "success", MAIN, "production");
        await().atMost(WAIT).untilAsserted(() -> assertThat(github.deploymentsCreated()).extracting(body -> body.path("ref").asString())
                .containsExactly(MAIN, EARLIER));
        // GitHub has it before our row says so: the row is marked queued once GitHub's answer is back.
        await().atMost(WAIT).untilAsserted(() -> assertThat(deployments()).extracting(row -> row.get("status")).containsExactly("success", "queued"));
    }
}
