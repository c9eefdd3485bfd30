package com.ticolops.bot.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnvironmentRemovalTest extends DeploymentTestBase {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aRemovedEnvironmentIsNoLongerDeployedToButItsDeploymentsStayInTheHistory() {
        // GIVEN staging, deployed once
        command(alice, "env add " + repository + " production");
        command(alice, "env add " + repository + " staging");
        command(alice, "deploy " + repository + " main staging");
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("provider_id", "7001"));
        deploymentStatus("7001", "success", MAIN, "staging");
        await().atMost(WAIT).untilAsserted(() -> assertThat(latestDeployment()).containsEntry("status", "success"));
        long id = ((Number) latestDeployment().get("id")).longValue();

        // WHEN a maintainer removes it
        assertThat(command(alice, "env remove " + repository + " staging").text()).isEqualTo("Removed environment staging of " + repository
                + ": nobody deploys to it any more, and its deployments stay in `/ticolops deployments " + repository + "`.");

        // THEN it is not listed, not deployed to, its deployment is still there, and its name can be used again
        assertThat(command(alice, "env list " + repository).all()).contains("production").doesNotContain("staging");
        assertThat(command(alice, "deploy " + repository + " main staging").text()).startsWith(repository + " has no environment staging.");
        assertThat(command(alice, "deployments " + repository).all()).contains("#" + id);
        assertThat(jdbc.sql("select status from deployments where id = ?").param(id).query(String.class).single()).isEqualTo("success");
        assertThat(command(alice, "env add " + repository + " staging").text()).startsWith("Added environment staging to " + repository);
    }

    @Test
    void anEnvironmentBeingDeployedIsNotRemovedAndTheReplySaysHowToCancel() {
        command(alice, "env add " + repository + " production");
        command(alice, "deploy " + repository + " main production");
        long id = ((Number) latestDeployment().get("id")).longValue();

        assertThat(command(alice, "env remove " + repository + " production").text()).isEqualTo("production of " + repository + " is being deployed by @"
                + alice + " (deployment #" + id + "). Wait for it to end, or `/ticolops deploy cancel " + id + "`, then remove the environment.");

        assertThat(command(alice, "env list " + repository).all()).contains("production");
    }

    @Test
    void aMemberCannotRemoveAnEnvironment() {
        command(alice, "env add " + repository + " production");
        String bob = member("member");

        assertThat(command(bob, "env remove " + repository + " production").text()).isEqualTo("`env remove` needs the maintainer role in project "
                + project + "; you are a member. Ask an admin of " + project + ".");

        assertThat(command(alice, "env list " + repository).all()).contains("production");
    }
}
