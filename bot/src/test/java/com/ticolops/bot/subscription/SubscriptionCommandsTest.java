package com.ticolops.bot.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubscriptionCommandsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String dev = Names.unique("shop-dev");
    String reviews = Names.unique("shop-reviews");
    String project = Names.unique("shop");
    String repository = "octo-org/" + Names.unique("shop");
    String secret;

    @BeforeEach
    void aRepositoryConnectedFromTheDevChannelAndASecondChannelOnTheSameProject() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, dev, "project create " + project);
        secret = ticolops.connectGitHub(alice, dev, repository);
        ticolops.command(alice, reviews, "project use " + project);
    }

    @Test
    void theConnectingChannelGetsEverythingAndOthersNothingUntilTheySubscribe() {
        assertThat(ticolops.command(alice, dev, "subscriptions").all()).contains(repository + " (github): everything");
        assertThat(ticolops.command(alice, reviews, "subscriptions").text()).startsWith("This channel is not subscribed to any repository.");
    }

    @Test
    void aChannelSubscribedToPullRequestsOnMainGetsOnlyThose() {
        // GIVEN the reviews channel subscribes to pull requests into main
        Ticolops.Response subscribed = ticolops.command(alice, reviews, "subscribe " + repository + " pulls branch:main");
        assertThat(subscribed.text()).isEqualTo("This channel now gets pulls from " + repository + ", filtered by branch:main, set by @" + alice + ".");

        // WHEN a pull request into main, one into develop and a push arrive
        deliver("pull_request", pullRequestInto("main", 12, "Basket page"));
        deliver("pull_request", pullRequestInto("develop", 13, "Spike"));
        deliver("push", payload("push.json"));

        // THEN the dev channel (everything) sees all three, the reviews channel only the pull request into main
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(dev)).anyMatch(t -> t.contains("#13"))
                .anyMatch(t -> t.contains("#12")).anyMatch(t -> t.startsWith("alice-gh pushed")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(reviews)).filteredOn(t -> t.contains(" in " + repository))
                .containsExactly("bob-gh opened pull request #12 \"Basket page\" in " + repository + " (basket → main)"));
    }

    @Test
    void subscribingAgainAddsFeaturesAndKeepsTheFiltersItDoesNotName() {
        ticolops.command(alice, reviews, "subscribe " + repository + " pulls branch:main");

        Ticolops.Response again = ticolops.command(alice, reviews, "subscribe " + repository + " reviews pipelines status:failure");

        assertThat(again.text()).isEqualTo("This channel now gets pulls, reviews, pipelines from " + repository
                + ", filtered by branch:main status:failure, set by @" + alice + ".");
        assertThat(ticolops.command(alice, reviews, "subscriptions").all())
                .contains(repository + " (github): pulls, reviews, pipelines — branch:main status:failure");
    }

    @Test
    void aSecondSubscribeWithAPathFilterKeepsTheBranchFilter() {
        // GIVEN the reviews channel gets pull requests into main
        ticolops.command(alice, reviews, "subscribe " + repository + " pulls branch:main");

        // WHEN it adds a path filter
        Ticolops.Response again = ticolops.command(alice, reviews, "subscribe " + repository + " path:docs/**");

        // THEN the reply and the stored row have both filters, and a pull request into develop stays out of the channel
        assertThat(again.text()).isEqualTo("This channel now gets pulls from " + repository + ", filtered by branch:main path:docs/**, set by @"
                + alice + ".");
        assertThat(jdbc.sql("""
                        select s.filters -> 'branches' ->> 0 || ' ' || (s.filters -> 'paths' ->> 0)
                        from subscriptions s join repositories r on r.id = s.repository_id where r.full_name = ? and s.channel_id = ?""")
                .params(repository, reviews).query(String.class).single()).isEqualTo("main docs/**");
        String spike = Names.unique("spike");
        deliver("pull_request", pullRequestInto("develop", 13, spike));
        deliver("pull_request", pullRequestInto("main", 12, "Basket page"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts(reviews)).anyMatch(t -> t.contains("#12")));
        // every announcement of #13 is delivered once the dev channel shows it and none of its publications is pending
        await().atMost(Duration.ofSeconds(10)).until(() -> ticolops.channelTexts(dev).stream().anyMatch(t -> t.contains("#13"))
                && jdbc.sql("select count(*) from event_publication where serialized_event like ? and completion_date is null")
                        .param("%" + spike + "%").query(Integer.class).single() == 0);
        assertThat(ticolops.channelTexts(reviews)).noneMatch(t -> t.contains("#13"));
    }

    @Test
    void aFilterKeyWithAStarRemovesThatFilterOnly() {
        ticolops.command(alice, reviews, "subscribe " + repository + " pulls branch:main path:docs/**");

        Ticolops.Response removed = ticolops.command(alice, reviews, "subscribe " + repository + " branch:*");

        assertThat(removed.text()).isEqualTo("This channel now gets pulls from " + repository + ", filtered by path:docs/**, set by @" + alice + ".");
    }

    @Test
    void draftsAndNotMineAreTurnedOffAgainWithOnAndOff() {
        assertThat(ticolops.command(alice, reviews, "subscribe " + repository + " pulls drafts:off not-mine").text())
                .isEqualTo("This channel now gets pulls from " + repository + ", filtered by drafts:off not-mine, set by @" + alice + ".");

        Ticolops.Response cleared = ticolops.command(alice, reviews, "subscribe " + repository + " drafts:on not-mine:off");

        assertThat(cleared.text()).isEqualTo("This channel now gets pulls from " + repository + ", set by @" + alice + ".");
        assertThat(ticolops.command(alice, reviews, "subscriptions").all()).contains(repository + " (github): pulls\"");
    }

    @Test
    void unsubscribingSomeFeaturesStatesTheFiltersThatRemain() {
        ticolops.command(alice, reviews, "subscribe " + repository + " pulls reviews branch:main");

        Ticolops.Response unsubscribed = ticolops.command(alice, reviews, "unsubscribe " + repository + " reviews");

        assertThat(unsubscribed.text()).isEqualTo("This channel now gets pulls from " + repository + ", filtered by branch:main, changed by @"
                + alice + ".");
    }

    @Test
    void unsubscribeRefusesFiltersAndSaysHowToRemoveOne() {
        ticolops.command(alice, reviews, "subscribe " + repository + " pulls branch:main");

        assertThat(ticolops.command(alice, reviews, "unsubscribe " + repository + " branch:main").text())
                .isEqualTo("unsubscribe takes features, not filters. To remove a filter, run /ticolops subscribe " + repository
                        + " with <key>:*, e.g. branch:*.");
        assertThat(ticolops.command(alice, reviews, "subscriptions").all()).contains(repository + " (github): pulls — branch:main");
    }

    @Test
    void aNonMemberIsNotShownTheChannelsSubscriptions() {
        Ticolops.Response listed = ticolops.command(Names.unique("mallory"), dev, "subscriptions");

        assertThat(listed.text()).startsWith("You are not a member of project " + project + ".");
        assertThat(listed.all()).doesNotContain(repository);
    }

    @Test
    void unsubscribingStopsTheAnnouncements() {
        assertThat(ticolops.command(alice, dev, "unsubscribe " + repository + " pushes").text())
                .isEqualTo("This channel now gets pulls, reviews, comments, pipelines, deployments, releases, issues from " + repository
                        + ", changed by @" + alice + ".");
        assertThat(ticolops.command(alice, dev, "unsubscribe " + repository).text())
                .isEqualTo("This channel no longer gets anything from " + repository + ", unsubscribed by @" + alice + ".");

        deliver("pull_request", pullRequestInto("main", 14, "Quiet"));

        // the delivery is stored, and nobody is told
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("select count(*) from event_publication where serialized_event like ? and completion_date is not null")
                .param("%Quiet%").query(Integer.class).single() > 0);
        assertThat(ticolops.channelTexts(dev)).noneMatch(t -> t.contains("#14"));
    }

    @Test
    void wrongInputIsRefusedAndChangesNothing() {
        assertThat(ticolops.command(alice, reviews, "subscribe octo-org/elsewhere").text())
                .isEqualTo("octo-org/elsewhere is not connected to " + project + ". Connect it first: /ticolops repo connect github octo-org/elsewhere"
                        + " (or gitlab), or see the connected ones with /ticolops repo list.");
        assertThat(ticolops.command(alice, reviews, "subscribe " + repository + " pulls colour:red").text())
                .startsWith("`colour:` is not a filter. Filters: branch:<globs> path:<globs>");
        assertThat(ticolops.command(alice, reviews, "subscribe " + repository + " puls").text())
                .startsWith("`puls` is neither a feature nor a filter. Features: pushes, pulls, reviews, comments, pipelines, deployments, releases, issues");
        assertThat(ticolops.command(alice, reviews, "unsubscribe " + repository).text()).isEqualTo("This channel is not subscribed to " + repository + ".");
        assertThat(ticolops.command(Names.unique("mallory"), reviews, "subscribe " + repository).text())
                .startsWith("You are not a member of project " + project + ".");
        assertThat(jdbc.sql("select count(*) from subscriptions s join repositories r on r.id = s.repository_id where r.full_name = ?")
                .param(repository).query(Integer.class).single()).isOne();
    }

    private void deliver(String event, byte[] body) {
        assertThat(ticolops.gitHubDelivery(event, UUID.randomUUID().toString(), body, secret).status()).isEqualTo(202);
    }

    private byte[] pullRequestInto(String base, int number, String title) {
        return new String(payload("pull_request_opened.json"), StandardCharsets.UTF_8)
                .replace("\"ref\": \"main\"", "\"ref\": \"" + base + "\"").replace("\"number\": 12", "\"number\": " + number)
                .replace("Basket page", title).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] payload(String name) {
        return Payloads.bytes(Payloads.ANNOUNCEMENT + name, repository);
    }
}
