package com.ticolops.bot.discord;

import static com.ticolops.integrations.discord.FakeDiscord.Option.string;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.integrations.discord.FakeDiscord;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

class DiscordAnnouncementsTest extends DiscordEndToEnd {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IncompleteEventPublications incompletePublications;

    String channel = FakeDiscord.newId();
    String alice = FakeDiscord.newId();
    String repository = "octo-org/" + Names.unique("shop");

    @Test
    void aSignedGitHubPushIsAnnouncedInTheDiscordChannelOfItsProject() {
        // GIVEN a project created in a Discord channel, with a GitHub repository connected from there
        discord.slashCommand(channel, alice, "alice", "project", "create", string("name", Names.unique("shop")));
        channelMessageContaining(channel, "created by <@" + alice + ">");
        JsonNode connected = privateReply(discord.slashCommand(channel, alice, "alice", "repo", "connect",
                string("provider", "github"), string("repository", repository)));
        String secret = field(connected, "Secret");
        channelMessageContaining(channel, "<@" + alice + "> connected GitHub repository " + repository);

        // WHEN GitHub delivers a signed push
        Ticolops.Response response = new Ticolops(port).gitHubDelivery("push", UUID.randomUUID().toString(), push(), secret);

        // THEN it is acknowledged and announced in the Discord channel
        assertThat(response.status()).isEqualTo(202);
        JsonNode announcement = channelMessageContaining(channel, "alice-gh pushed 2 commits to main in " + repository);
        assertThat(FakeDiscord.visibleText(announcement)).contains("2222222 Add the basket page — alice-gh");
    }

    @Test
    void anAnnouncementDiscordRefusesStaysQueuedAndIsDeliveredWhenRetried() {
        // GIVEN a channel the bot may not post in (Discord answers 403 Missing Access)
        var refused = discord.rest().stubFor(post(urlPathEqualTo("/api/v10/channels/" + channel + "/messages")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Missing Access\", \"code\": 50001}")));
        try {
            // WHEN alice creates a project there: the in-channel reply cannot be posted, so she sees it privately
            JsonNode created = privateReply(discord.slashCommand(channel, alice, "alice", "project", "create", string("name", Names.unique("shop"))));
            assertThat(FakeDiscord.visibleText(created)).contains("created by <@" + alice + ">");
            String secret = field(privateReply(discord.slashCommand(channel, alice, "alice", "repo", "connect",
                    string("provider", "github"), string("repository", repository))), "Secret");
            assertThat(new Ticolops(port).gitHubDelivery("push", UUID.randomUUID().toString(), push(), secret).status()).isEqualTo(202);

            // THEN the push announcement is not lost: it stays an incomplete publication
            await().atMost(WAIT).untilAsserted(() -> assertThat(incompleteAnnouncementsContaining("pushed 2 commits to main in " + repository)).isEqualTo(1));
        } finally {
            discord.rest().removeStub(refused);
        }

        // AND once Discord accepts messages again, a retry delivers it
        incompletePublications.resubmitIncompletePublications(publication -> publication.getEvent().toString().contains(channel));
        channelMessageContaining(channel, "alice-gh pushed 2 commits to main in " + repository);
    }

    @Test
    void aPullRequestIsOneDiscordMessageEditedWhenMergedWithItsReviewAsAReply() {
        // GIVEN a pull request announced in a project's Discord channel
        String secret = projectWithRepository();
        Ticolops ticolops = new Ticolops(port);
        ticolops.gitHubDelivery("pull_request", UUID.randomUUID().toString(), payload("pull_request_opened.json"), secret);
        channelMessageContaining(channel, "bob-gh opened pull request #12");
        String messageId = discord.idOfMessageContaining(channel, "bob-gh opened pull request #12");

        // WHEN it is reviewed, then merged
        ticolops.gitHubDelivery("pull_request_review", UUID.randomUUID().toString(), payload("pull_request_review_approved.json"), secret);
        JsonNode review = channelMessageContaining(channel, "dan-gh approved pull request #12");
        ticolops.gitHubDelivery("pull_request", UUID.randomUUID().toString(), payload("pull_request_merged.json"), secret);

        // THEN the review replies to the pull request's message
        assertThat(review.path("message_reference").path("message_id").asString()).isEqualTo(messageId);
        assertThat(review.path("message_reference").path("fail_if_not_exists").asBoolean(true)).isFalse();
        // AND the merge edits that message in place rather than posting another
        await().atMost(WAIT).untilAsserted(() -> assertThat(discord.channelMessageEdits(channel)).hasSize(1));
        FakeDiscord.Edit edit = discord.channelMessageEdits(channel).get(0);
        assertThat(edit.messageId()).isEqualTo(messageId);
        assertThat(FakeDiscord.visibleText(edit.body())).contains("carol-gh merged pull request #12 \"Basket page\" in " + repository);
        assertThat(discord.channelMessages(channel)).noneMatch(m -> FakeDiscord.visibleText(m).contains("merged pull request"));
    }

    private String projectWithRepository() {
        discord.slashCommand(channel, alice, "alice", "project", "create", string("name", Names.unique("shop")));
        channelMessageContaining(channel, "created by <@" + alice + ">");
        String secret = field(privateReply(discord.slashCommand(channel, alice, "alice", "repo", "connect",
                string("provider", "github"), string("repository", repository))), "Secret");
        channelMessageContaining(channel, "<@" + alice + "> connected GitHub repository " + repository);
        return secret;
    }

    private int incompleteAnnouncementsContaining(String text) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null and event_type like '%AnnouncementRequested' "
                + "and serialized_event like ? and serialized_event like ?").params("%" + channel + "%", "%" + text + "%").query(Integer.class).single();
    }

    private static String field(JsonNode message, String name) {
        for (JsonNode embed : message.path("embeds")) {
            for (JsonNode field : embed.path("fields")) {
                if (field.path("name").asString().equals(name)) {
                    return field.path("value").asString();
                }
            }
        }
        throw new AssertionError("no field " + name + " in " + message);
    }

    private byte[] push() {
        return payload("push.json");
    }

    private byte[] payload(String name) {
        return Payloads.bytes(Payloads.ANNOUNCEMENT + name, repository);
    }
}
