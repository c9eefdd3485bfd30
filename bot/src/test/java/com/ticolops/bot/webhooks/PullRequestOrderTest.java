package com.ticolops.bot.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
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

/**
 * A pull request opened and merged milliseconds apart sends two webhooks whose announcements may be delivered in either
 * order: its message ends showing the state with the later {@code updated_at}, whichever arrived last.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PullRequestOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String channel = Names.unique("shop-dev");
    String repository = "octo-org/" + Names.unique("shop");
    String secret;
    String merged;

    @BeforeEach
    void aProjectWithAConnectedRepository() {
        ticolops = new Ticolops(port);
        String alice = Names.unique("alice");
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        secret = ticolops.connectGitHub(alice, channel, repository);
        merged = "carol-gh merged pull request #12 \"Basket page\" in " + repository + " (basket → main)";
    }

    @Test
    void aMergeAnnouncedBeforeTheOlderOpeningIsNotOverwrittenByIt() {
        // GIVEN the merge's webhook overtook the opening's, and the channel shows the pull request merged
        deliver("pull_request_merged.json");
        await().atMost(WAIT).until(() -> pullRequestMessages(), messages -> messages.size() == 1 && text(messages.get(0)).equals(merged));

        // WHEN the opening's webhook, older by its updated_at, is delivered and its announcement has run
        String opened = "bob-gh opened pull request #12 \"Basket page\" in " + repository + " (basket → main)";
        deliver("pull_request_opened.json");
        await().atMost(WAIT).until(() -> announcementCompleted(opened));

        // THEN the one message still says merged, was never edited back, and PostgreSQL keeps the merge's time
        List<JsonNode> messages = pullRequestMessages();
        assertThat(messages).extracting(PullRequestOrderTest::text).containsExactly(merged);
        assertThat(messages.get(0).path("edits").asInt()).isZero();
        assertThat(jdbc.sql("select applied_at::text from announcement_messages where platform = 'console' and channel_id = ? and anchor_key = ?")
                .params(channel, "github:" + repository + "#12").query(String.class).single()).isEqualTo("2026-03-02 10:00:01+00");
    }

    @Test
    void anOpeningAnnouncedBeforeTheLaterMergeIsUpdatedToMerged() {
        deliver("pull_request_opened.json");
        await().atMost(WAIT).until(() -> pullRequestMessages(), messages -> messages.size() == 1);

        deliver("pull_request_merged.json");

        await().atMost(WAIT).untilAsserted(() -> assertThat(pullRequestMessages()).extracting(PullRequestOrderTest::text).containsExactly(merged));
    }

    private void deliver(String payload) {
        byte[] body = Payloads.bytes("/com/ticolops/bot/webhooks/" + payload, repository);
        assertThat(ticolops.gitHubDelivery("pull_request", UUID.randomUUID().toString(), body, secret).status()).isEqualTo(202);
    }

    private List<JsonNode> pullRequestMessages() {
        return ticolops.channelMessages(channel, 0).stream().filter(message -> text(message).contains("pull request #12")).toList();
    }

    /** The announcement's publication in the registry is complete: it was delivered, or deliberately not shown. */
    private boolean announcementCompleted(String text) {
        return jdbc.sql("""
                        select exists (select 1 from event_publication where event_type like '%AnnouncementRequested'
                                       and serialized_event like ? and completion_date is not null)""")
                .param("%" + text.replace("\"", "\\\\\"") + "%").query(Boolean.class).single();
    }

    private static String text(JsonNode message) {
        return message.path("message").path("text").asString();
    }
}
