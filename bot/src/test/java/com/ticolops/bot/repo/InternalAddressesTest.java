package com.ticolops.bot.repo;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With the default settings (no allowed networks), an internal GitLab address is refused before anything is stored. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InternalAddressesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("general");

    @BeforeEach
    void aProjectOfAlices() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + Names.unique("infra"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9999", "https://169.254.169.254", "https://localhost"})
    void repoConnectRefusesAnInternalGitLabWithTheReplyRepoTokenGives(String address) {
        String repository = "group/" + Names.unique("x");

        String connect = ticolops.command(alice, channel, "repo connect gitlab " + repository + " main " + address).text();
        String token = ticolops.command(alice, channel, "repo token gitlab glpat-0123456789abcdef " + address).text();

        assertThat(connect).isEqualTo(token).doesNotContain("Exception").isNotBlank();
        assertThat(jdbc.sql("select count(*) from repositories where full_name = ?").param(repository).query(Integer.class).single()).isZero();
    }

    @Test
    void aRefusedAddressSaysWhyInWords() {
        String reply = ticolops.command(alice, channel, "repo connect gitlab group/y main https://169.254.169.254").text();

        assertThat(reply).contains("169.254.169.254").doesNotContain("java.");
    }
}
