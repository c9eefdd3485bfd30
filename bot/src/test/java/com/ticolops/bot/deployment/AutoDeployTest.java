package com.ticolops.bot.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.PushReceived;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A push to a branch set with autodeploy deploys once per delivery. */
class AutoDeployTest extends DeploymentTestBase {

    @Autowired
    Deployments deployments;

    @Test
    void aPushToTheBranchDeploysItsHeadOnceEvenWhenItsDeliveryComesAgain() {
        // GIVEN pushes to main deploy to staging
        command(alice, "env add " + repository + " staging");
        assertThat(command(alice, "autodeploy " + repository + " main staging on").text())
                .isEqualTo("Every push to main of " + repository + " now deploys to staging (freezes and locks apply).");

        // WHEN GitHub delivers a push to main, and the listener gets that delivery a second time
        String delivery = UUID.randomUUID().toString();
        assertThat(ticolops.gitHubDelivery("push", delivery, Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository), secret).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deployments()).hasSize(1));
        deployments.onPush(new PushReceived(GitProvider.GITHUB, delivery, repository, "https://github.com/" + repository, "refs/heads/main", "alice-gh",
                List.of(new PushReceived.Commit(MAIN, "Fix rounding of totals", "alice-gh", null, List.of(), null)), false, false, false, null));

        // THEN the head commit was deployed once, by "push to main"
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deployments()).hasSize(1));
        assertThat(latestDeployment()).containsEntry("sha", MAIN).containsEntry("requested_by_name", "push to main").containsEntry("environment", "staging");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deploymentMessages())
                .anyMatch(text -> text.endsWith(repository + " 3333333 (main) to staging — queued")));
    }

    @Test
    void aPushToABranchNothingDeploysOnIsNotEvenRegisteredForAutoDeploy() {
        // GIVEN staging deploys pushes to release only
        command(alice, "env add " + repository + " staging");
        command(alice, "autodeploy " + repository + " release staging on");

        // WHEN main is pushed
        String delivery = UUID.randomUUID().toString();
        assertThat(ticolops.gitHubDelivery("push", delivery, Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository), secret).status())
                .isEqualTo(202);

        // THEN its facts were stored with it, and auto-deploy was given no publication of it to handle
        assertThat(jdbc.sql("select count(*) from repository_commits where delivery_id = ?").param(delivery).query(Long.class).single()).isPositive();
        assertThat(publications(delivery, "AutoDeploy")).isZero();
        assertThat(deployments()).isEmpty();
    }

    private long publications(String delivery, String listener) {
        return jdbc.sql("select count(*) from event_publication where serialized_event like ? and listener_id like ?")
                .params("%" + delivery + "%", "%" + listener + "%").query(Long.class).single();
    }

    @Test
    void aPushToAnotherBranchOrALockedEnvironmentDeploysNothing() {
        command(alice, "env add " + repository + " staging");
        command(alice, "autodeploy " + repository + " release staging on");
        assertThat(ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository), secret)
                .status()).isEqualTo(202);
        command(alice, "autodeploy " + repository + " main staging on");
        command(alice, "deploy lock " + repository + " staging release freeze");
        assertThat(ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository), secret)
                .status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(command(alice, "audit 1").all())
                .contains("push to main autodeploy " + repository + " staging REFUSED — locked by @" + alice + ": release freeze"));
        assertThat(deployments()).isEmpty();
    }
}
