package com.ticolops.bot.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GitHub says someone asked alice to review or mentioned her; alice, whose GitHub login is linked, hears it in her direct messages. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GitNotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String aliceLogin = Names.unique("alice-gh");
    String repository = "octo-org/" + Names.unique("shop");
    String secret;

    @BeforeEach
    void aliceLinkedHerLoginAndBobConnectedTheRepository() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, "dm", "link github " + aliceLogin);
        String bob = Names.unique("bob");
        String channel = Names.unique("room");
        ticolops.command(bob, channel, "project create " + Names.unique("shop"));
        secret = ticolops.connectGitHub(bob, channel, repository);
    }

    @Test
    void aReviewRequestedOfALinkedLoginReachesItsPersonOnceEvenWhenGitHubDeliversItAgain() {
        byte[] body = payload("pull_request_review_requested.json");
        String delivery = UUID.randomUUID().toString();

        assertThat(ticolops.gitHubDelivery("pull_request", delivery, body, secret).status()).isEqualTo(202);
        ticolops.gitHubDelivery("pull_request", delivery, body, secret);

        await().atMost(WAIT).until(() -> !ticolops.channelTexts("@" + alice).isEmpty());
        assertThat(ticolops.channelTexts("@" + alice)).containsExactly("bob-gh asked you to review " + repository + "#12\nBasket page");
    }

    @Test
    void anAtMentionInAPullRequestCommentReachesTheMentionedPerson() {
        assertThat(ticolops.gitHubDelivery("issue_comment", UUID.randomUUID().toString(), payload("issue_comment_mention.json"), secret).status())
                .isEqualTo(202);

        await().atMost(WAIT).until(() -> !ticolops.channelTexts("@" + alice).isEmpty());
        assertThat(ticolops.channelTexts("@" + alice).get(0)).startsWith("bob-gh mentioned you in a comment on " + repository + "#12\nLooks good to me.");
    }

    @Test
    void aLoginNobodyLinkedNotifiesNoOne() {
        String stranger = Names.unique("stranger");
        byte[] body = Payloads.read("/com/ticolops/bot/notification/issue_comment_mention.json", repository).replace("MENTIONED", stranger)
                .getBytes(StandardCharsets.UTF_8);

        assertThat(ticolops.gitHubDelivery("issue_comment", UUID.randomUUID().toString(), body, secret).status()).isEqualTo(202);
        assertThat(ticolops.channelTexts("@" + stranger)).isEmpty();
    }

    private byte[] payload(String name) {
        return Payloads.read("/com/ticolops/bot/notification/" + name, repository).replace("REVIEWER", aliceLogin).replace("MENTIONED", aliceLogin)
                .getBytes(StandardCharsets.UTF_8);
    }
}
