package com.ticolops.bot.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectCommandsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String bob = Names.unique("bob");
    String channel = Names.unique("general");
    String project = Names.unique("shop");

    @BeforeEach
    void console() {
        ticolops = new Ticolops(port);
    }

    @Test
    void projectCreateMakesTheCreatorAdminAndAnnouncesItInTheChannel() {
        Ticolops.Response reply = ticolops.command(alice, channel, "/ticolops project create " + project);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("Project " + project + " created by @" + alice + ", its admin. This channel now follows " + project + ".");
        assertThat(ticolops.channelTexts(channel)).containsExactly(reply.text());
        assertThat(jdbc.sql("""
                        select m.role from project_members m join projects p on p.id = m.project_id
                        join user_identities i on i.user_id = m.user_id where p.name = ? and i.kind = 'console' and i.external_id = ?""")
                .params(project, alice).query(String.class).single()).isEqualTo("admin");
    }

    @Test
    void anAdminSetsTheProjectsTimeZoneAndProjectInfoShowsIt() {
        ticolops.command(alice, channel, "project create " + project);

        Ticolops.Response reply = ticolops.command(alice, channel, "project tz Europe/Berlin");

        assertThat(reply.text()).matches("Project " + project + " now keeps time in Europe/Berlin \\(it is [A-Z][a-z]{2} [0-9]{2}:[0-9]{2} there\\):"
                + " freeze windows of environments without their own `tz=` are read in it\\.");
        assertThat(ticolops.command(alice, channel, "project info").field("Time zone")).isEqualTo("Europe/Berlin");
        assertThat(jdbc.sql("select time_zone from projects where name = ?").param(project).query(String.class).single()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aTimeZoneThatIsNotOneIsRefusedAndANewProjectKeepsUtc() {
        ticolops.command(alice, channel, "project create " + project);

        Ticolops.Response reply = ticolops.command(alice, channel, "project tz Mars/Olympus");

        assertThat(reply.text()).isEqualTo("`Mars/Olympus` is not a time zone. Use a name like Europe/Berlin, America/New_York or UTC. Nothing was changed.");
        assertThat(ticolops.command(alice, channel, "project info").field("Time zone")).isEqualTo("UTC");
    }

    @Test
    void onlyAnAdminSetsTheProjectsTimeZone() {
        ticolops.command(alice, channel, "project create " + project);
        ticolops.command(alice, channel, "member add @" + bob + " maintainer");

        Ticolops.Response reply = ticolops.command(bob, channel, "project tz Europe/Berlin");

        assertThat(reply.text()).startsWith("`project tz` needs the admin role");
        assertThat(jdbc.sql("select time_zone from projects where name = ?").param(project).query(String.class).single()).isEqualTo("UTC");
    }

    @Test
    void aSecondProjectWithTheSameNameIsRefused() {
        ticolops.command(alice, channel, "project create " + project);

        Ticolops.Response reply = ticolops.command(bob, Names.unique("other"), "project create " + project.toUpperCase());

        assertThat(reply.text()).isEqualTo("A project named " + project.toUpperCase() + " already exists. Pick another name, or ask its admin to add you.");
        assertThat(jdbc.sql("select count(*) from projects where lower(name) = lower(?)").param(project).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void creatingYourOwnProjectAgainSaysHowToUseIt() {
        ticolops.command(alice, channel, "project create " + project);

        Ticolops.Response reply = ticolops.command(alice, Names.unique("other"), "project create " + project);

        assertThat(reply.text()).isEqualTo("You already have " + project + ": `/ticolops project use " + project + "` makes this channel follow it.");
        assertThat(jdbc.sql("select count(*) from projects where lower(name) = lower(?)").param(project).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void thePrefixMayBeTypedInAnyCaseAndWithoutItsSlash() {
        String help = ticolops.command(alice, channel, "help").text();

        assertThat(ticolops.command(alice, channel, "/TICOLOPS help").text()).isEqualTo(help);
        assertThat(ticolops.command(alice, channel, "ticolops help").text()).isEqualTo(help);
        assertThat(ticolops.command(alice, channel, "Ticolops project create " + project).text()).startsWith("Project " + project + " created");
    }

    @Test
    void aProjectNameWithSpacesOrSymbolsIsRefusedWithAnExample() {
        Ticolops.Response reply = ticolops.command(alice, channel, "project create \"my shop!\"");

        assertThat(reply.text()).startsWith("`my shop!` can't be a project name").endsWith("Example: /ticolops project create shop");
        assertThat(jdbc.sql("select count(*) from projects where name = 'my shop!'").query(Integer.class).single()).isZero();
    }

    @Test
    void aMisspelledSubcommandAnswersWithTheProjectSubcommandsAndAnExample() {
        Ticolops.Response reply = ticolops.command(alice, channel, "/ticolops project crate x");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("`project crate` is not a project command. Did you mean `project create`?");
        assertThat(reply.all()).contains("/ticolops project create <name>", "/ticolops project list", "/ticolops project use <name>",
                "/ticolops project info", "Example", "/ticolops project create shop");
        assertThat(jdbc.sql("select count(*) from projects where name = 'x'").query(Integer.class).single()).isZero();
    }

    @Test
    void memberAddFromAMemberWithoutAdminRoleIsRefusedNamingTheRoleNeeded() {
        // GIVEN alice's project with bob as a plain member
        ticolops.command(alice, channel, "project create " + project);
        ticolops.command(alice, channel, "member add @" + bob);
        String carol = Names.unique("carol");

        // WHEN bob tries to add carol
        Ticolops.Response reply = ticolops.command(bob, channel, "member add @" + carol + " maintainer");

        // THEN he is told which role that needs, and carol is not added
        assertThat(reply.text()).isEqualTo("`member add` needs the admin role in project " + project + "; you are a member. Ask an admin of " + project + ".");
        assertThat(memberRole(carol)).isNull();
    }

    @Test
    void anAdminAddsAMemberWithARoleAndChangesIt() {
        ticolops.command(alice, channel, "project create " + project);

        Ticolops.Response added = ticolops.command(alice, channel, "member add @" + bob + " maintainer");
        assertThat(added.text()).isEqualTo("@" + bob + " joined " + project + " as maintainer, added by @" + alice + ".");
        assertThat(memberRole(bob)).isEqualTo("maintainer");

        Ticolops.Response changed = ticolops.command(alice, channel, "member role @" + bob + " admin");
        assertThat(changed.text()).isEqualTo("@" + bob + " is now an admin of " + project + " (was maintainer).");
        assertThat(memberRole(bob)).isEqualTo("admin");

        Ticolops.Response list = ticolops.command(bob, channel, "member list");
        assertThat(list.all()).contains("@" + alice + " — admin", "@" + bob + " — admin");
    }

    @Test
    void theOnlyAdminCannotBeRemovedOrDemoted() {
        ticolops.command(alice, channel, "project create " + project);

        assertThat(ticolops.command(alice, channel, "member remove @" + alice).text()).startsWith("@" + alice + " is the only admin of " + project);
        assertThat(ticolops.command(alice, channel, "member role @" + alice + " member").text()).startsWith("@" + alice + " is the only admin of " + project);
        assertThat(memberRole(alice)).isEqualTo("admin");
    }

    @Test
    void anUnknownRoleIsRefusedWithTheChoices() {
        ticolops.command(alice, channel, "project create " + project);

        Ticolops.Response reply = ticolops.command(alice, channel, "member add @" + bob + " boss");

        assertThat(reply.text()).isEqualTo("`boss` is not a valid role: choose one of admin, maintainer, member.");
        assertThat(reply.all()).contains("/ticolops member add <@user> [role]", "Example: /ticolops member add @bob maintainer");
        assertThat(memberRole(bob)).isNull();
    }

    @Test
    void aCommandNeedingAProjectInAChannelWithoutOneSaysHowToGetOne() {
        Ticolops.Response reply = ticolops.command(alice, Names.unique("empty"), "member list");

        assertThat(reply.text()).startsWith("This channel has no project yet. Create one with `/ticolops project create <name>`");
    }

    @Test
    void projectUseMovesAChannelToAnotherOfYourProjectsAndOutsidersAreRefused() {
        ticolops.command(alice, channel, "project create " + project);
        String second = Names.unique("ops");
        String elsewhere = Names.unique("ops-room");
        ticolops.command(alice, elsewhere, "project create " + second);

        assertThat(ticolops.command(alice, channel, "project use " + second).text())
                .isEqualTo("This channel now follows project " + second + ", set by @" + alice + ".");
        assertThat(ticolops.command(alice, channel, "project info").text()).isEqualTo("Project " + second);
        assertThat(ticolops.command(bob, channel, "project use " + project).text())
                .isEqualTo("You have no project named " + project + ". See yours with /ticolops project list.");
        var list = ticolops.command(alice, channel, "project list");
        assertThat(list.all()).contains(project + " — admin", second + " — admin (this channel)");
        // a button switches back to the other project; clicking it runs that command
        assertThat(list.body().path("buttons").get(0).path("label").asString()).isEqualTo("Use " + project);
        assertThat(list.body().path("buttons").get(0).path("command").asString()).isEqualTo("project use " + project);
    }

    @Test
    void helpListsEveryCommandGroupAndExplainsOne() {
        assertThat(ticolops.command(alice, channel, "help").all()).contains("/ticolops project create <name>", "/ticolops member add <@user> [role]",
                "/ticolops link github <login>", "/ticolops repo connect <provider> <repository> [branch]");
        assertThat(ticolops.command(alice, channel, "help member add").all()).contains("Who: admin of the channel's project",
                "Example: /ticolops member add @bob maintainer");
    }

    @Test
    void anUnknownCommandSuggestsTheClosestAndHelp() {
        Ticolops.Response reply = ticolops.command(alice, channel, "/ticolops projct list");

        assertThat(reply.text()).isEqualTo("I don't know the command `projct`. Did you mean `project`?");
        assertThat(reply.all()).contains("/ticolops help");
    }

    @Test
    void malformedConsoleRequestsGetAClearError() {
        assertThat(ticolops.post("/api/v1/console/commands", "{not json", java.util.Map.of()).status()).isEqualTo(400);
        Ticolops.Response noUser = ticolops.post("/api/v1/console/commands", "{\"channel\":\"general\",\"text\":\"help\"}", java.util.Map.of());
        assertThat(noUser.status()).isEqualTo(400);
        assertThat(noUser.body().path("error").asString()).startsWith("user must be");
        assertThat(ticolops.command(alice, channel, "  ").body().path("error").asString()).startsWith("text is empty");
    }

    private String memberRole(String consoleUser) {
        return jdbc.sql("""
                        select m.role from project_members m join projects p on p.id = m.project_id
                        join user_identities i on i.user_id = m.user_id where p.name = ? and i.kind = 'console' and i.external_id = ?""")
                .params(project, consoleUser).query(String.class).optional().orElse(null);
    }
}
