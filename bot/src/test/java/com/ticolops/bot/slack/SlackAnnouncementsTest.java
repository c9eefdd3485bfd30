package com.ticolops.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class SlackAnnouncementsTest extends SlackTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transaction;

    SlackUser alice = newUser("alice");
    String channel = newChannel();
    String repository = "octo-org/" + Names.unique("shop");

    @Test
    void aSignedGitHubPushIsPostedToTheProjectsSlackChannel() {
        // GIVEN a project followed by a Slack channel, with a connected GitHub repository
        String secret = projectWithRepository();

        // WHEN GitHub delivers a push
        Ticolops.Response delivery = new Ticolops(port).gitHubDelivery("push", UUID.randomUUID().toString(), payload("push.json"), secret);

        // THEN Slack receives chat.postMessage in that channel, as Block Kit
        assertThat(delivery.status()).isEqualTo(202);
        String expected = "alice-gh pushed 2 commits to main in " + repository;
        await().atMost(Duration.ofSeconds(15)).until(() -> texts(channel).stream().anyMatch(t -> t.startsWith(expected)));
        LoggedRequest push = FakeSlack.postMessages(channel).stream().filter(r -> FakeSlack.form(r).get("text").startsWith(expected))
                .findFirst().orElseThrow();
        JsonNode blocks = FakeSlack.blocks(push);
        assertThat(blocks.get(0).path("text").path("text").asString()).startsWith(expected);
        assertThat(blocks.toString()).contains("2222222 Add the basket page");
        // AND the earlier connect announcement mentioned alice as a Slack mention
        assertThat(texts(channel)).contains("<@" + alice.userId + "> connected GitHub repository " + repository + " to " + projectOf() + ".");
    }

    @Test
    void announcementsToOneChannelAreSpacedAtLeastASecondApart() {
        String secret = projectWithRepository();
        await().atMost(Duration.ofSeconds(10)).until(() -> FakeSlack.postMessages(channel).size() == 1);

        // WHEN two pushes arrive at once
        Ticolops ticolops = new Ticolops(port);
        ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), payload("push.json"), secret);
        ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), payload("push.json"), secret);

        // THEN both are posted, a second apart
        await().atMost(Duration.ofSeconds(15)).until(() -> FakeSlack.postMessages(channel).size() == 3);
        List<LoggedRequest> posts = FakeSlack.postMessages(channel);
        long gap = posts.get(2).getLoggedDate().getTime() - posts.get(1).getLoggedDate().getTime();
        assertThat(gap).isGreaterThanOrEqualTo(900);
    }

    @Test
    void aRateLimitedPostWaitsForRetryAfterAndIsDeliveredOnce() {
        // GIVEN Slack answers the first post to this channel with 429 and Retry-After: 1
        String scenario = "rate limit " + channel;
        FakeSlack.SERVER.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(containing("channel=" + channel))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("limited once"));
        FakeSlack.SERVER.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(containing("channel=" + channel))
                .inScenario(scenario).whenScenarioStateIs("limited once")
                .willReturn(okJson("{\"ok\": true, \"channel\": \"" + channel + "\", \"ts\": \"1700000000.000200\"}")));

        // WHEN connecting a repository announces it there
        projectWithRepository();

        // THEN the post is retried after the wait, succeeds, and is not sent again
        await().atMost(Duration.ofSeconds(10)).until(() -> FakeSlack.postMessages(channel).size() == 2);
        List<LoggedRequest> posts = FakeSlack.postMessages(channel);
        assertThat(posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime()).isGreaterThanOrEqualTo(1000);
        assertThat(FakeSlack.form(posts.get(1)).get("text")).isEqualTo("<@" + alice.userId + "> connected GitHub repository " + repository
                + " to " + projectOf() + ".");
        await().atMost(Duration.ofSeconds(10)).until(() -> incompleteAnnouncementsFor(channel) == 0);
        assertThat(FakeSlack.postMessages(channel)).hasSize(2);
    }

    @Test
    void aPostRefusedWith429PausesEveryChannelOfTheWorkspaceUntilRetryAfterThenDeliversInOrder() {
        // GIVEN Slack answers the first post to this channel with 429 and Retry-After: 3
        String otherChannel = newChannel();
        String scenario = "workspace pause " + channel;
        FakeSlack.SERVER.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(containing("channel=" + channel))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("limited once"));

        // WHEN an announcement meets the 429, and meanwhile one more is queued for that channel and one for another
        announce(channel, "first");
        await().atMost(Duration.ofSeconds(10)).until(() -> FakeSlack.SERVER.getAllServeEvents().stream()
                .anyMatch(event -> event.getResponse().getStatus() == 429 && FakeSlack.form(event.getRequest()).get("channel").equals(channel)));
        long limitedAt = FakeSlack.postMessages(channel).get(0).getLoggedDate().getTime();
        announce(channel, "second");
        announce(otherChannel, "elsewhere");

        // THEN neither channel gets a post before the 3 seconds are over
        await().atMost(Duration.ofSeconds(15)).until(() -> FakeSlack.postMessages(channel).size() == 3 && FakeSlack.postMessages(otherChannel).size() == 1);
        List<LoggedRequest> afterTheLimit = Stream.concat(FakeSlack.postMessages(channel).stream().skip(1), FakeSlack.postMessages(otherChannel).stream())
                .toList();
        assertThat(afterTheLimit).allSatisfy(request -> assertThat(request.getLoggedDate().getTime() - limitedAt).isGreaterThanOrEqualTo(3000));
        // AND then the channel's announcements go out in the order they were queued
        assertThat(texts(channel)).containsExactly("first", "first", "second");
        assertThat(texts(otherChannel)).containsExactly("elsewhere");
    }

    @Test
    void aPullRequestIsOneSlackMessageUpdatedWhenMergedWithItsReviewInTheThread() {
        // GIVEN a pull request announced in the channel
        String secret = projectWithRepository();
        Ticolops ticolops = new Ticolops(port);
        ticolops.gitHubDelivery("pull_request", UUID.randomUUID().toString(), payload("pull_request_opened.json"), secret);
        String opened = "bob-gh opened pull request #12";
        await().atMost(Duration.ofSeconds(15)).until(() -> texts(channel).stream().anyMatch(t -> t.startsWith(opened)));
        String ts = FakeSlack.tsOf(channel, opened);

        // WHEN it is reviewed and merged
        ticolops.gitHubDelivery("pull_request_review", UUID.randomUUID().toString(), payload("pull_request_review_approved.json"), secret);
        await().atMost(Duration.ofSeconds(15)).until(() -> texts(channel).stream().anyMatch(t -> t.startsWith("dan-gh approved")));
        ticolops.gitHubDelivery("pull_request", UUID.randomUUID().toString(), payload("pull_request_merged.json"), secret);

        // THEN the merge updates the same message through chat.update, with the same ts
        await().atMost(Duration.ofSeconds(15)).until(() -> FakeSlack.updates(channel).size() == 1);
        var update = FakeSlack.form(FakeSlack.updates(channel).get(0));
        assertThat(update.get("ts")).isEqualTo(ts);
        assertThat(update.get("text")).isEqualTo("carol-gh merged pull request #12 \"Basket page\" in " + repository + " (basket → main)");
        assertThat(update.get("blocks")).contains("carol-gh merged pull request #12");
        // AND the review went into the pull request's thread
        LoggedRequest review = FakeSlack.postMessages(channel).stream().filter(r -> FakeSlack.form(r).get("text").startsWith("dan-gh approved"))
                .findFirst().orElseThrow();
        assertThat(FakeSlack.form(review).get("thread_ts")).isEqualTo(ts);
        // AND the channel got no other pull request message than the first
        assertThat(texts(channel)).filteredOn(t -> t.contains("pull request #12") && !t.startsWith("dan-gh")).hasSize(1);
    }

    @Test
    void aPullRequestMessageDeletedInSlackIsPostedAgainWhenItChanges() {
        // GIVEN a pull request's message that someone deleted in Slack
        String secret = projectWithRepository();
        Ticolops ticolops = new Ticolops(port);
        ticolops.gitHubDelivery("pull_request", UUID.randomUUID().toString(), payload("pull_request_opened.json"), secret);
        await().atMost(Duration.ofSeconds(15)).until(() -> texts(channel).stream().anyMatch(t -> t.startsWith("bob-gh opened pull request #12")));
        FakeSlack.SERVER.stubFor(post(urlPathEqualTo("/api/chat.update")).atPriority(1).withRequestBody(containing("channel=" + channel))
                .willReturn(okJson("{\"ok\": false, \"error\": \"message_not_found\"}")));

        // WHEN it is merged
        ticolops.gitHubDelivery("pull_request", UUID.randomUUID().toString(), payload("pull_request_merged.json"), secret);

        // THEN the merged state is posted as a new message, and the announcement is complete
        await().atMost(Duration.ofSeconds(15)).until(() -> texts(channel).stream().anyMatch(t -> t.startsWith("carol-gh merged pull request #12")));
        assertThat(FakeSlack.updates(channel)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> incompleteAnnouncementsFor(channel) == 0);
    }

    private String projectWithRepository() {
        alice.types("project create " + Names.unique("shop"), channel);
        JsonNode reply = alice.types("repo connect github " + repository, channel).json();
        assertThat(reply.path("text").asString()).startsWith("Connected " + repository);
        for (JsonNode block : reply.path("blocks")) {
            for (JsonNode field : block.path("fields")) {
                String text = field.path("text").asString();
                if (text.startsWith("*Secret*\n")) {
                    return text.substring("*Secret*\n".length());
                }
            }
        }
        throw new AssertionError("no Secret field in " + reply);
    }

    private void announce(String channel, String text) {
        transaction.executeWithoutResult(status -> events.publishEvent(
                new AnnouncementRequested(new Conversation(Platform.SLACK, channel), Reply.inChannel(text))));
    }

    private String projectOf() {
        return projectOfSlackChannel(channel);
    }

    private static List<String> texts(String channel) {
        return FakeSlack.postMessages(channel).stream().map(r -> FakeSlack.form(r).get("text")).toList();
    }

    private int incompleteAnnouncementsFor(String channel) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like ?")
                .param("%" + channel + "%").query(Integer.class).single();
    }

    private byte[] payload(String name) {
        return Payloads.bytes(Payloads.ANNOUNCEMENT + name, repository);
    }
}
