package com.ticolops.bot.announcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** On the console: a pull request is one message, updated as it moves, with its reviews as replies under it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PullRequestThreadsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String channel = Names.unique("shop-dev");
    String repository = "octo-org/" + Names.unique("shop");
    String secret;

    @BeforeEach
    void aProjectWithAConnectedRepository() {
        ticolops = new Ticolops(port);
        ticolops.command("alice", channel, "project create " + Names.unique("shop"));
        secret = ticolops.connectGitHub("alice", channel, repository);
    }

    @Test
    void aPullRequestOpenedThenMergedIsOneMessageWhoseTextChanged() {
        // GIVEN a pull request was opened and announced
        deliver("pull_request", "pull_request_opened.json");
        JsonNode opened = await().atMost(WAIT).until(() -> message("bob-gh opened pull request #12"), m -> m != null);
        long seenUpTo = ticolops.channelMessages(channel, 0).stream().mapToLong(m -> m.path("seq").asLong()).max().orElseThrow();

        // WHEN it is merged
        deliver("pull_request", "pull_request_merged.json");

        // THEN the same message now says it was merged, marked as edited, and nothing was added to the channel
        String merged = "carol-gh merged pull request #12 \"Basket page\" in " + repository + " (basket → main)";
        JsonNode updated = await().atMost(WAIT).until(() -> message(merged), m -> m != null);
        assertThat(updated.path("id").asLong()).isEqualTo(opened.path("id").asLong());
        assertThat(updated.path("edits").asInt()).isEqualTo(1);
        assertThat(updated.path("editedAt").isNull()).isFalse();
        assertThat(ticolops.channelTexts(channel)).noneMatch(text -> text.startsWith("bob-gh opened pull request #12"))
                .filteredOn(text -> text.contains("#12")).hasSize(1);
        // AND a page polling for changes after what it had seen gets the updated message again
        List<JsonNode> changes = ticolops.channelMessages(channel, seenUpTo);
        assertThat(changes).extracting(m -> m.path("message").path("text").asString()).containsExactly(merged);
        assertThat(changes.get(0).path("seq").asLong()).isGreaterThan(seenUpTo);
        // AND PostgreSQL knows which message is the pull request's
        assertThat(jdbc.sql("select message_ref from announcement_messages where platform = 'console' and channel_id = ? and anchor_key = ?")
                .params(channel, "github:" + repository + "#12").query(String.class).single()).isEqualTo(opened.path("id").asString());
    }

    @Test
    void aReviewShowsAsAReplyUnderThePullRequest() {
        // GIVEN an open pull request's message
        deliver("pull_request", "pull_request_opened.json");
        JsonNode pullRequest = await().atMost(WAIT).until(() -> message("bob-gh opened pull request #12"), m -> m != null);

        // WHEN dan approves it
        deliver("pull_request_review", "pull_request_review_approved.json");

        // THEN the approval is a reply whose parent is the pull request's message
        JsonNode review = await().atMost(WAIT).until(() -> message("dan-gh approved pull request #12"), m -> m != null);
        assertThat(review.path("parentId").asLong()).isEqualTo(pullRequest.path("id").asLong());
        assertThat(pullRequest.path("parentId").isNull()).isTrue();
        assertThat(review.toString()).contains("Looks good to me");
    }

    @Test
    void aReviewOfAPullRequestTheChannelNeverSawIsPostedOnItsOwn() {
        // WHEN a review arrives for a pull request opened before the repository was connected
        deliver("pull_request_review", "pull_request_review_approved.json");

        // THEN it is an ordinary message, not a reply
        JsonNode review = await().atMost(WAIT).until(() -> message("dan-gh approved pull request #12"), m -> m != null);
        assertThat(review.path("parentId").isNull()).isTrue();
    }

    @Test
    void pollingAfterTheLatestChangeGetsNothingNew() {
        deliver("pull_request", "pull_request_opened.json");
        await().atMost(WAIT).until(() -> message("bob-gh opened pull request #12"), m -> m != null);
        long latest = ticolops.channelMessages(channel, 0).stream().mapToLong(m -> m.path("seq").asLong()).max().orElseThrow();

        assertThat(ticolops.channelMessages(channel, latest)).isEmpty();
    }

    private JsonNode message(String textStart) {
        return ticolops.channelMessages(channel, 0).stream().filter(m -> m.path("message").path("text").asString().startsWith(textStart))
                .findFirst().orElse(null);
    }

    private void deliver(String event, String payload) {
        assertThat(ticolops.gitHubDelivery(event, UUID.randomUUID().toString(), payload(payload), secret).status()).isEqualTo(202);
    }

    private byte[] payload(String name) {
        return Payloads.bytes(Payloads.ANNOUNCEMENT + name, repository);
    }
}
