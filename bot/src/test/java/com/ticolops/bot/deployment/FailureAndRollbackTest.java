package com.ticolops.bot.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.integrations.git.RepositoryActivity.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A deployment through a dispatched GitHub Actions workflow, followed by its run's signed workflow_run deliveries (tied
 * to it by the run's title), fails:
 * its message shows the failing job's last log lines, masked, a hint and a Rollback button, which rolls back.
 */
class FailureAndRollbackTest extends DeploymentTestBase {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LEAKED_TOKEN = "ghp_" + "Z".repeat(36);

    @BeforeEach
    void productionDeployedByAWorkflow() {
        command(alice, "env add " + repository + " production github-workflow deploy.yml url=https://shop.example.com");
        github.workflow("deploy.yml").failedRun(4201, Payloads.text(FailureAndRollbackTest.class, "logs/out-of-memory.log")
                .replace("LEAKED", LEAKED_TOKEN).lines().toList());
    }

    @Test
    void aDispatchedWorkflowIsFollowedByTheRunThatNamesItAndARunThatDoesNotIsIgnored() {
        long id = deploy("main");

        assertThat(github.dispatches()).singleElement().satisfies(body -> {
            assertThat(body.path("ref").asString()).isEqualTo("main");
            assertThat(body.path("inputs").path("ref").asString()).as("the exact commit to check out").isEqualTo(MAIN);
            assertThat(body.path("inputs").path("ticolops_deployment").asString()).isEqualTo(String.valueOf(id));
            assertThat(body.path("inputs").path("environment").asString()).isEqualTo("production");
            assertThat(body.path("inputs").path("requested_by").asString()).isEqualTo("@" + alice);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(message(id).toString())
                .contains("Dispatched deploy.yml; its run is followed by its title, which must contain \\\"ticolops #" + id + "\\\" (run-name)."));
        run(4100, "CI", "completed", Outcome.FAILURE);
        run(4101, "Deploy production · ticolops #" + id, "in_progress", null);

        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages())
                .containsExactly("Deployment #" + id + ": " + repository + " 3333333 (main) to production — building"));
        assertThat(latestDeployment()).containsEntry("provider_id", "4101");
    }

    @Test
    void aFailedRunShowsTheLogTailMaskedWithAHintAndARollbackButtonThatRollsBack() {
        // GIVEN v1.0 deployed successfully, then main deployed and failing
        long good = deploy("v1.0");
        run(4200, "Deploy ticolops #" + good, "completed", Outcome.SUCCESS);
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("status", "success"));
        long bad = deploy("main");
        run(4201, "Deploy ticolops #" + bad, "in_progress", null);

        // WHEN its run fails
        run(4201, "Deploy ticolops #" + bad, "completed", Outcome.FAILURE);

        // THEN the message shows the end of the failing job's log with the token masked, the hint, and a Rollback button
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages())
                .contains("Deployment #" + bad + ": " + repository + " 3333333 (main) to production — failed"));
        JsonNode message = message(bad);
        assertThat(message.toString()).contains("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory")
                .contains("The build ran out of memory.").contains("GITHUB_TOKEN=••••").doesNotContain(LEAKED_TOKEN);
        assertThat(message.path("message").path("sections").toString()).doesNotContain("line 1 of the build");
        JsonNode button = message.path("message").path("buttons").valueStream().filter(b -> b.path("label").asString().equals("Roll back"))
                .findFirst().orElseThrow();
        assertThat(button.path("command").asString()).isEqualTo("rollback " + repository + " production");
        // AND alice, who asked, is told directly (her console direct messages), once for each deployment that ended
        await().atMost(WAIT).untilAsserted(() -> assertThat(ticolops.channelTexts("@" + alice)).containsExactly(
                "Your deployment of " + repository + " 1111111 to production succeeded",
                "Your deployment of " + repository + " 3333333 to production failed\nThe build ran out of memory. Give the job more memory (a larger runner, "
                        + "NODE_OPTIONS=--max-old-space-size=4096, -Xmx for the JVM) or build less at once."));

        // WHEN alice presses it
        Ticolops.Response rolledBack = command(alice, button.path("command").asString());

        // THEN v1.0 is deployed again through the same workflow, recorded as a rollback of the failed one
        assertThat(rolledBack.text()).isEqualTo("Rolling back production to 1111111…");
        Map<String, Object> rollback = latestDeployment();
        await().atMost(WAIT).untilAsserted(() -> assertThat(github.dispatches()).extracting(body -> body.path("ref").asString() + " "
                + body.path("inputs").path("ref").asString() + " #" + body.path("inputs").path("ticolops_deployment").asString())
                .containsExactly("v1.0 " + EARLIER + " #" + good, "main " + MAIN + " #" + bad, "v1.0 " + EARLIER + " #" + rollback.get("id")));
        assertThat(rollback).containsEntry("ref", "v1.0").containsEntry("sha", EARLIER);
        assertThat(((Number) rollback.get("rollback_of")).longValue()).isEqualTo(bad);
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages())
                .contains("Rollback #" + rollback.get("id") + ": " + repository + " 1111111 (v1.0) to production — queued"));
    }

    @Test
    void aRollbackToANamedDeploymentGoesBackToThatOne() {
        long first = deploy("v1.0");
        run(4300, "ticolops #" + first, "completed", Outcome.SUCCESS);
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("status", "success"));
        long second = deploy("main");
        run(4301, "ticolops #" + second, "completed", Outcome.SUCCESS);
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("status", "success"));

        assertThat(command(alice, "rollback " + repository + " production to " + first).text()).isEqualTo("Rolling back production to 1111111…");
        assertThat(command(alice, "deployments " + repository).all()).contains("rollback of #" + second);
    }

    @Test
    void aRunningDeploymentCancelledByItsRequesterStopsItsRunAndFreesTheEnvironment() {
        // GIVEN main being deployed by run 4101
        long id = deploy("main");
        github.runningRun(4101, null);
        run(4101, "Deploy production · ticolops #" + id, "in_progress", null);
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("status", "building"));

        // WHEN alice cancels it
        Ticolops.Response reply = command(alice, "deploy cancel #" + id + " wrong branch");

        // THEN GitHub is asked to cancel the run, and the one message ends cancelled, saying who and why
        assertThat(reply.text()).isEqualTo("@" + alice + " cancelled deployment #" + id + " of " + repository + " 3333333 to production.");
        assertThat(github.cancelsOf(4101)).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(deploymentMessages())
                .containsExactly("Deployment #" + id + ": " + repository + " 3333333 (main) to production — cancelled"));
        assertThat(message(id).toString()).contains("Cancelled by @" + alice + ": wrong branch");
        assertThat(latestDeployment()).containsEntry("status", "cancelled").containsEntry("in_flight", false);
        assertThat(command(alice, "audit 3").all()).contains("@" + alice + " cancel " + repository + " production");
        // AND the run's own "cancelled" webhook changes nothing, and the environment takes the next deploy
        run(4101, "Deploy production · ticolops #" + id, "completed", Outcome.CANCELLED);
        assertThat(command(alice, "deploy " + repository + " main production").text()).isEqualTo("Deploying 3333333 to production…");
    }

    @Test
    void aRunGitHubWillNoLongerCancelLeavesTheDeploymentToItsOwnStatus() {
        long id = deploy("main");
        github.runningRun(4102, "Cannot cancel a workflow run that is completed.");
        run(4102, "Deploy production · ticolops #" + id, "in_progress", null);
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("status", "building"));

        Ticolops.Response reply = command(alice, "deploy cancel " + id);

        assertThat(reply.text()).isEqualTo("Deployment #" + id + " of " + repository + " to production was not cancelled: GitHub refused to cancel run 4102"
                + " (409): Cannot cancel a workflow run that is completed. Its own status shows on its message when it ends.");
        assertThat(latestDeployment()).containsEntry("status", "building").containsEntry("in_flight", true);
    }

    @Test
    void aDeploymentThatEndedOrDoesNotExistCannotBeCancelled() {
        long id = deploy("main");
        run(4103, "Deploy ticolops #" + id, "completed", Outcome.SUCCESS);
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("status", "success"));

        assertThat(command(alice, "deploy cancel " + id).text()).isEqualTo("Deployment #" + id + " of " + repository
                + " to production has ended already (success): there is nothing to cancel.");
        assertThat(command(alice, "deploy cancel 99999999").text()).isEqualTo("This project has no deployment #99999999. See `/ticolops deployments`"
                + " for their numbers.");
        assertThat(command(alice, "deploy cancel latest").text()).isEqualTo("`latest` is not a deployment number: give the number"
                + " `/ticolops deployments` shows, e.g. 12.");
        assertThat(latestDeployment()).containsEntry("status", "success");
    }

    @Test
    void aMemberWithoutTheEnvironmentsRoleCannotCancelSomeoneElsesDeployment() {
        long id = deploy("main");
        String bob = member("member");

        assertThat(command(bob, "deploy cancel " + id).text()).startsWith("Deploying to production needs the maintainer role; you are a member.");

        assertThat(latestDeployment()).containsEntry("status", "queued").containsEntry("in_flight", true);
        assertThat(command(alice, "audit 3").all()).contains("@" + bob + " cancel " + repository + " production REFUSED — needs maintainer, is member");
    }

    private long deploy(String ref) {
        assertThat(command(alice, "deploy " + repository + " " + ref + " production").text()).startsWith("Deploying ");
        long id = ((Number) latestDeployment().get("id")).longValue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("status", "queued"));
        return id;
    }

    /** GitHub's workflow_run delivery for a run in that state, signed with the repository's secret. */
    private void run(long runId, String title, String status, Outcome outcome) {
        String action = outcome != null ? "completed" : status.equals("in_progress") ? "in_progress" : "requested";
        String body = Payloads.read("/com/ticolops/bot/deployment/workflow_run.json", repository).replace("RUN_ID", String.valueOf(runId))
                .replace("TITLE", title).replace("ACTION", action).replace("STATUS", status)
                .replace("CONCLUSION", outcome == null ? "null" : "\"" + (outcome == Outcome.FAILURE ? "failure" : outcome.id()) + "\"");
        assertThat(ticolops.gitHubDelivery("workflow_run", UUID.randomUUID().toString(), body.getBytes(StandardCharsets.UTF_8), secret).status())
                .isEqualTo(202);
    }

    private JsonNode message(long id) {
        List<JsonNode> messages = ticolops.channelMessages(channel, 0).stream()
                .filter(m -> m.path("message").path("text").asString().startsWith("Deployment #" + id + ":")).toList();
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }
}
