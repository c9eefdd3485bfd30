package com.ticolops.bot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may deploy production, from where, when, and after which button. */
class DeploymentRulesTest extends DeploymentTestBase {

    @BeforeEach
    void production() {
        command(alice, "env add " + repository + " production");
    }

    @Test
    void deployCommandFromAMemberWithoutMaintainerRoleIsRefusedAndAudited() {
        String bob = member("member");

        Ticolops.Response reply = command(bob, "deploy " + repository + " main production");

        assertThat(reply.text()).isEqualTo("Deploying to production needs the maintainer role; you are a member. Ask a maintainer, or an admin to"
                + " change the rule with `/ticolops env rules " + repository + " production role=<role>`.");
        assertThat(deployments()).isEmpty();
        assertThat(command(alice, "audit 5").all()).contains("@" + bob + " deploy " + repository + " production REFUSED — needs maintainer, is member");
    }

    @Test
    void aMemberMayDeployStagingByDefault() {
        String bob = member("member");
        command(alice, "env add " + repository + " staging");

        assertThat(command(bob, "deploy " + repository + " main staging").text()).isEqualTo("Deploying 3333333 to staging…");
    }

    @Test
    void anEnvironmentLimitedToAChannelRefusesDeploysFromAnother() {
        command(alice, "env rules " + repository + " production channels=this");
        String elsewhere = Names.unique("random");
        ticolops.command(alice, elsewhere, "project use " + project);

        assertThat(ticolops.command(alice, elsewhere, "deploy " + repository + " main production").text())
                .isEqualTo("production of " + repository + " may only be deployed from #" + channel + ". Run the command there.");
        assertThat(deployments()).isEmpty();
    }

    @Test
    void aConfirmationAsksWithTheCommitsAndOnlyTheRequesterCanPressIt() {
        // GIVEN production needs a confirmation
        command(alice, "env rules " + repository + " production confirm=on");
        String carol = member("maintainer");

        // WHEN alice deploys
        Ticolops.Response asked = command(alice, "deploy " + repository + " main production");

        // THEN the channel is asked, with a button, and nothing is deployed yet
        assertThat(asked.text()).isEqualTo("Deploy 3333333 (2 commits, by Alice Liddell, Bob Builder) to production?");
        assertThat(asked.field("Expires")).isEqualTo("in 5m 0s; only the one who asked can confirm");
        String button = confirmButton(asked);
        assertThat(deployments()).isEmpty();
        // WHEN carol presses it: refused
        assertThat(command(carol, button).text()).isEqualTo("Only @" + alice + ", who asked for this deploy, can confirm it. Run the deploy yourself"
                + " to deploy.");
        assertThat(deployments()).isEmpty();
        // WHEN alice presses it: deployed, once
        assertThat(command(alice, button).text()).isEqualTo("Deploying 3333333 to production…");
        assertThat(command(alice, button).text()).isEqualTo("This confirmation was used already or does not exist. Run the deploy again.");
        assertThat(deployments()).hasSize(1);
    }

    @Test
    void anExpiredConfirmationDeploysNothing() {
        command(alice, "env rules " + repository + " production confirm=on");
        String button = confirmButton(command(alice, "deploy " + repository + " main production"));
        jdbc.sql("update deployment_confirmations set expires_at = now() - interval '1 minute' where token = ?")
                .param(button.substring("deploy confirm ".length())).update();

        assertThat(command(alice, button).text()).isEqualTo("This confirmation expired 1 min ago; nothing was deployed. Run the deploy again.");
        assertThat(deployments()).isEmpty();
    }

    @Test
    void aFreezeRefusesMaintainersAndLetsAnAdminThroughWithAReasonThatIsAudited() {
        // GIVEN a freeze window that started an hour ago and ends in an hour, every day (UTC)
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String starts = cron(now.minusHours(1));
        String ends = cron(now.plusHours(1));
        Ticolops.Response rules = command(alice, "env rules " + repository + " production freeze \"" + starts + "\" \"" + ends + "\"");
        assertThat(rules.field("Freezes (UTC, the project's time zone)")).isEqualTo("from \"" + starts + "\" to \"" + ends + "\"");
        String carol = member("maintainer");

        // THEN a maintainer is refused, an admin without a reason too, and an admin with one deploys
        assertThat(command(carol, "deploy " + repository + " main production").text())
                .startsWith("production of " + repository + " is frozen until ").contains("(UTC). An admin can deploy anyway by adding a reason");
        assertThat(command(alice, "deploy " + repository + " main production").text()).contains("To deploy through the freeze, add your reason");
        assertThat(deployments()).isEmpty();
        assertThat(command(alice, "deploy " + repository + " main production hotfix for the login outage").text())
                .isEqualTo("Deploying 3333333 to production…");
        assertThat(latestDeployment()).containsEntry("override_reason", "hotfix for the login outage");
        assertThat(command(alice, "audit 10").all()).contains("@" + alice + " override " + repository + " production allowed — freeze until ")
                .contains(": hotfix for the login outage");
    }

    @Test
    void freezeWindowsAreReadInTheProjectsTimeZoneUnlessTheEnvironmentNamesItsOwn() {
        // GIVEN a project on Kiritimati time (UTC+14) and a freeze from an hour ago to an hour from now there
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
        assertThat(command(alice, "project tz Pacific/Kiritimati").text()).startsWith("Project " + project + " now keeps time in Pacific/Kiritimati");
        ZonedDateTime now = ZonedDateTime.now(kiritimati);
        String freeze = "freeze \"" + cron(now.minusHours(1)) + "\" \"" + cron(now.plusHours(1)) + "\"";
        assertThat(command(alice, "env rules " + repository + " production " + freeze).field("Freezes (Pacific/Kiritimati, the project's time zone)"))
                .isNotNull();

        // THEN the environment is frozen by the project's clock
        assertThat(command(alice, "deploy " + repository + " main production").text()).contains("(Pacific/Kiritimati)");

        // WHEN it names its own zone, 14 hours behind, the same window is not now; back on the project's, it is again (the rules
        // are read before the environment is found busy)
        assertThat(command(alice, "env rules " + repository + " production tz=UTC").field("Freezes (UTC)")).isNotNull();
        assertThat(command(alice, "deploy " + repository + " main production").text()).isEqualTo("Deploying 3333333 to production…");
        assertThat(command(alice, "env rules " + repository + " production tz=project").field("Freezes (Pacific/Kiritimati, the project's time zone)"))
                .isNotNull();
        assertThat(command(alice, "deploy " + repository + " main production").text()).contains("is frozen until ");
    }

    @Test
    void aLockedEnvironmentRefusesDeploysNamingWhoLockedItUntilUnlocked() {
        String carol = member("maintainer");
        assertThat(command(carol, "deploy lock " + repository + " production database migration running").text())
                .isEqualTo("@" + carol + " locked production of " + repository + ": database migration running. Nobody deploys to it until"
                        + " `/ticolops deploy unlock " + repository + " production`.");

        assertThat(command(alice, "deploy " + repository + " main production").text())
                .matches("production of " + repository + " is locked by @" + carol + " since [0-9:]{5} UTC, less than a minute ago:"
                        + " database migration running\\. Ask them, or unlock it with `/ticolops deploy unlock " + repository + " production`\\.");
        assertThat(deployments()).isEmpty();

        assertThat(command(alice, "deploy unlock " + repository + " production").text())
                .isEqualTo("@" + alice + " unlocked production of " + repository + " (locked by @" + carol + " less than a minute ago).");
        assertThat(command(alice, "deploy " + repository + " main production").text()).isEqualTo("Deploying 3333333 to production…");
        assertThat(command(alice, "audit 10").all()).contains(" lock " + repository + " production allowed — database migration running")
                .contains(" unlock " + repository + " production allowed").contains(" deploy " + repository + " production REFUSED — locked by");
    }

    @Test
    void theAuditTrailIsForAdmins() {
        String carol = member("maintainer");

        assertThat(command(carol, "audit").text()).startsWith("`audit` needs the admin role");
    }

    @Test
    void envListShowsEachEnvironmentWithItsRules() {
        command(alice, "env add " + repository + " staging github-workflow deploy.yml url=https://staging.shop.example.com");
        command(alice, "env rules " + repository + " production confirm=on");

        String list = command(alice, "env list " + repository).all();

        assertThat(list).contains("production (default)").contains("GitHub Deployments API\\nWho may deploy: maintainers and above · confirmation required")
                .contains("GitHub Actions workflow deploy.yml\\nWho may deploy: members and above\\nhttps://staging.shop.example.com");
    }

    private static String confirmButton(Ticolops.Response asked) {
        assertThat(asked.body().path("buttons").size()).isEqualTo(1);
        assertThat(asked.body().path("buttons").get(0).path("label").asString()).isEqualTo("Deploy");
        return asked.body().path("buttons").get(0).path("command").asString();
    }

    /** Daily at that minute: "M H * * *". */
    private static String cron(ZonedDateTime at) {
        return at.getMinute() + " " + at.getHour() + " * * *";
    }
}
