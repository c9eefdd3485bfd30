package com.ticolops.bot.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.integrations.chat.Actor;
import com.ticolops.integrations.chat.CommandInvocation;
import com.ticolops.integrations.chat.CommandPort;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LinkCommandsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** The port every platform adapter calls; here it stands in for a Slack user typing the command. */
    @Autowired
    CommandPort commands;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String login = Names.unique("alice-gh");

    @BeforeEach
    void console() {
        ticolops = new Ticolops(port);
    }

    @Test
    void linkingAGitHubLoginStoresItAgainstTheCallerAndANewOneReplacesIt() {
        assertThat(ticolops.command(alice, "dm", "link github " + login).text()).isEqualTo("Linked GitHub login " + login + " to you.");
        String second = Names.unique("alice-new");
        ticolops.command(alice, "dm", "link github " + second.toUpperCase());

        assertThat(linked(alice, "github")).isEqualTo(second);
    }

    @Test
    void anEmailAddressIsCheckedAndSeveralCanBeLinked() {
        String work = Names.unique("alice") + "@example.com";
        String home = Names.unique("alice") + "@home.example";
        ticolops.command(alice, "dm", "link email " + work);
        ticolops.command(alice, "dm", "link email " + home);

        assertThat(ticolops.command(alice, "dm", "link email not-an-address").text())
                .isEqualTo("`not-an-address` is not a valid email address: an address like jane@example.com. Example: /ticolops link email jane@example.com");
        assertThat(jdbc.sql("select count(*) from user_identities i join user_identities c on c.user_id = i.user_id "
                + "where i.kind = 'email' and c.kind = 'console' and c.external_id = ?").param(alice).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aLoginAlreadyLinkedToSomeoneElseIsRefusedAndStaysTheirs() {
        String bob = Names.unique("bob");
        ticolops.command(bob, "dm", "link github " + login);

        assertThat(ticolops.command(alice, "dm", "link github " + login).text())
                .isEqualTo("The GitHub login " + login + " is already linked to someone else. If it is yours, ask them to link another.");
        assertThat(linked(bob, "github")).isEqualTo(login);
        assertThat(linked(alice, "github")).isNull();
    }

    @Test
    void anInvalidGitHubLoginIsRefusedWithTheRules() {
        assertThat(ticolops.command(alice, "dm", "link github -bad--login").text())
                .isEqualTo("`-bad--login` is not a valid GitHub login: letters, digits and single hyphens, at most 39 characters. Example: /ticolops link github octocat");
    }

    @Test
    void linkWithoutItsValueSaysWhatIsMissing() {
        Ticolops.Response reply = ticolops.command(alice, "dm", "link gitlab");

        assertThat(reply.text()).isEqualTo("`link gitlab` needs <username>: your GitLab username.");
        assertThat(reply.all()).contains("Example: /ticolops link gitlab jane.doe");
    }

    @Test
    void aCodeFromTheConsoleRedeemedOnSlackMakesBothAccountsOnePersonWithTheProjectsOfBoth() {
        // GIVEN alice on the console with one project, and on Slack (as U-alice) with another
        String consoleProject = Names.unique("web");
        String slackProject = Names.unique("api");
        String slackId = "U" + Names.unique("A").toUpperCase().replaceAll("[^A-Z0-9]", "");
        String slackChannel = "C" + Names.unique("C").toUpperCase().replaceAll("[^A-Z0-9]", "");
        ticolops.command(alice, Names.unique("web-room"), "project create " + consoleProject);
        onSlack(slackId, slackChannel, "project create " + slackProject);
        String repository = "octo-org/" + Names.unique("shop");
        onSlack(slackId, slackChannel, "repo connect github " + repository);
        onSlack(slackId, slackChannel, "subscribe " + repository + " pushes");

        // WHEN she asks for a code on the console and types it on Slack
        String code = codeIn(ticolops.command(alice, "dm", "link account").text());
        Reply linked = onSlack(slackId, slackChannel, "link account " + code.toLowerCase());

        // THEN the two accounts are one user, who sees both projects from either platform and is mentioned natively on Slack
        assertThat(linked.text()).isEqualTo("Linked: this slack account is now one person with " + alice
                + "'s other accounts, with the projects and roles of both.");
        assertThat(linked(alice, "slack")).isEqualTo(slackId);
        assertThat(ticolops.command(alice, "dm", "project list").all()).contains(consoleProject + " — admin", slackProject + " — admin");
        assertThat(onSlack(slackId, slackChannel, "member list").sections().get(0).body()).isEqualTo("<@" + slackId + "> — admin");
        // AND what the Slack account did (a repository connected, a subscription made) is hers
        long aliceId = jdbc.sql("select user_id from user_identities where kind = 'console' and external_id = ?").param(alice).query(Long.class).single();
        assertThat(jdbc.sql("select r.connected_by from repositories r where r.full_name = ?").param(repository).query(Long.class).single())
                .isEqualTo(aliceId);
        assertThat(jdbc.sql("select s.created_by from subscriptions s join repositories r on r.id = s.repository_id where r.full_name = ?")
                .param(repository).query(Long.class).list()).isNotEmpty().containsOnly(aliceId);
        // AND the code cannot be used twice
        assertThat(onSlack(slackId, slackChannel, "link account " + code).text()).startsWith("The link code " + code + " is unknown or has expired.");
    }

    @Test
    void aCodeRedeemedOnTheSameAccountIsRefusedAndStaysUsable() {
        String code = codeIn(ticolops.command(alice, "dm", "link account").text());

        assertThat(ticolops.command(alice, "dm", "link account " + code).text())
                .isEqualTo("That code is from this same account. Run it on your other platform (Slack, Discord or the console).");
        assertThat(jdbc.sql("select count(*) from link_codes where code = ?").param(code).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCodeFromOneConsoleAccountRedeemedByAnotherConsoleAccountIsRefusedAndMergesNobody() {
        String bob = Names.unique("bob");
        ticolops.command(bob, Names.unique("bob-room"), "project create " + Names.unique("bobs"));
        String code = codeIn(ticolops.command(alice, "dm", "link account").text());

        assertThat(ticolops.command(bob, "dm", "link account " + code).text()).isEqualTo("That code belongs to someone who already has a "
                + "console account: link account joins your accounts on different platforms (Slack, Discord, the console), not two accounts on one.");
        assertThat(jdbc.sql("select count(distinct user_id) from user_identities where kind = 'console' and external_id in (?, ?)")
                .params(alice, bob).query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from link_codes where code = ?").param(code).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anUnknownOrExpiredCodeIsRefusedAndLinksNothing() {
        String code = codeIn(ticolops.command(alice, "dm", "link account").text());
        jdbc.sql("update link_codes set expires_at = now() - interval '1 second' where code = ?").param(code).update();
        String bob = Names.unique("bob");

        assertThat(ticolops.command(bob, "dm", "link account " + code).text()).isEqualTo("The link code " + code
                + " is unknown or has expired. Run `/ticolops link account` on your other platform for a new one.");
        assertThat(ticolops.command(bob, "dm", "link account NOSUCHCD").text()).startsWith("The link code NOSUCHCD is unknown or has expired.");
        assertThat(jdbc.sql("select count(*) from user_identities i join user_identities c on c.user_id = i.user_id "
                + "where c.kind = 'console' and c.external_id = ?").param(alice).query(Integer.class).single()).isEqualTo(1);
    }

    private Reply onSlack(String userId, String channelId, String text) {
        return commands.handle(new CommandInvocation(new Actor(Platform.SLACK, userId, "alice"), new Conversation(Platform.SLACK, channelId), text));
    }

    private static String codeIn(String reply) {
        Matcher matcher = Pattern.compile("Your link code is ([A-Z0-9]{8})\\.").matcher(reply);
        assertThat(matcher.find()).as("a code in: " + reply).isTrue();
        return matcher.group(1);
    }

    private String linked(String consoleUser, String kind) {
        return jdbc.sql("select i.external_id from user_identities i join user_identities c on c.user_id = i.user_id "
                        + "where i.kind = ? and c.kind = 'console' and c.external_id = ?")
                .params(kind, consoleUser).query(String.class).optional().orElse(null);
    }
}
