package com.ticolops.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.notification.NotificationKind;
import com.ticolops.bot.notification.NotificationRequested;
import com.ticolops.bot.notification.Notifications;
import com.ticolops.bot.user.IdentityKind;
import com.ticolops.bot.user.Users;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A Slack user's notifications arrive as a direct message from the bot: {@code conversations.open}, then {@code chat.postMessage}. */
class SlackDirectMessagesTest extends SlackTestBase {

    @Autowired
    Notifications notifications;

    @Autowired
    Users users;

    @Test
    void aNotificationReachesASlackUserInTheirDirectMessagesWithTheBot() {
        SlackUser alice = newUser("alice");
        assertThat(alice.types("notify", newChannel()).body()).contains("Your notifications go by direct message here");
        String dm = "D" + alice.userId.substring(1);
        FakeSlack.SERVER.stubFor(post(urlPathEqualTo("/api/conversations.open")).withRequestBody(containing("users=" + alice.userId))
                .willReturn(okJson("{\"ok\": true, \"channel\": {\"id\": \"" + dm + "\"}}")));
        long user = users.find(IdentityKind.SLACK, alice.userId).orElseThrow();

        notifications.notify(new NotificationRequested(user, NotificationKind.MENTIONED, "bob mentioned you in acme/shop#12", "can you check the totals?",
                "https://github.com/acme/shop/pull/12#issuecomment-1", "slack-dm-" + alice.userId, null));

        await().atMost(Duration.ofSeconds(15)).until(() -> FakeSlack.postMessages(dm).size() == 1);
        assertThat(FakeSlack.form(FakeSlack.postMessages(dm).get(0)).get("text")).contains("bob mentioned you in acme/shop#12", "can you check the totals?");
        assertThat(FakeSlack.SERVER.findAll(postRequestedFor(urlPathEqualTo("/api/conversations.open")).withRequestBody(containing("users=" + alice.userId))))
                .hasSize(1);
    }
}
