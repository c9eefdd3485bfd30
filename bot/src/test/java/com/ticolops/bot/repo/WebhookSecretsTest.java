package com.ticolops.bot.repo;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The webhook secrets are kept in memory for speed, yet a reconnected repository's new secret counts at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookSecretsTest {

    @LocalServerPort
    int port;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("general");
    String repository = "octo-org/" + Names.unique("shop");

    @BeforeEach
    void aProject() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
    }

    @Test
    void aRepositoryDisconnectedAndConnectedAgainTakesOnlyItsNewSecretAtOnce() {
        // GIVEN a connected repository whose secret was just used, so it is cached
        String first = ticolops.connectGitHub(alice, channel, repository);
        assertThat(push(first).status()).isEqualTo(202);

        // WHEN it is disconnected and connected again, with a new secret
        ticolops.command(alice, channel, "repo disconnect " + repository);
        assertThat(push(first).status()).as("a delivery right after the disconnect").isEqualTo(401);
        String second = ticolops.connectGitHub(alice, channel, repository);

        // THEN the old secret is refused and the new one accepted, with no wait
        assertThat(push(first).status()).isEqualTo(401);
        assertThat(push(second).status()).isEqualTo(202);
    }

    private Ticolops.Response push(String secret) {
        return ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository), secret);
    }
}
