package com.ticolops.bot.user;

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
class LinkCommandsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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

    private String linked(String consoleUser, String kind) {
        return jdbc.sql("select i.external_id from user_identities i join user_identities c on c.user_id = i.user_id "
                        + "where i.kind = ? and c.kind = 'console' and c.external_id = ?")
                .params(kind, consoleUser).query(String.class).optional().orElse(null);
    }
}
