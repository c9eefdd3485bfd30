package com.ticolops.bot.discord;

import static com.ticolops.integrations.discord.FakeDiscord.Option.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.notification.NotificationKind;
import com.ticolops.bot.notification.NotificationRequested;
import com.ticolops.bot.notification.Notifications;
import com.ticolops.bot.user.IdentityKind;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.discord.FakeDiscord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A Discord user who chose Discord gets their notifications as a direct message from the bot (JDA's openPrivateChannel). */
class DiscordDirectMessagesTest extends DiscordEndToEnd {

    @Autowired
    Notifications notifications;

    @Autowired
    Users users;

    String channel = FakeDiscord.newId();
    String alice = FakeDiscord.newId();

    @Test
    void aNotificationReachesADiscordUserInTheirDirectMessagesWithTheBot() {
        // GIVEN alice chose Discord direct messages
        assertThat(FakeDiscord.visibleText(privateReply(discord.slashCommand(channel, alice, "alice", "notify", "via", string("channel", "discord")))))
                .contains("Your notifications now come by direct message here.");
        String dm = discord.directMessageChannel(alice);
        long user = users.find(IdentityKind.DISCORD, alice).orElseThrow();

        // WHEN another module asks for a notification to her
        notifications.notify(new NotificationRequested(user, NotificationKind.CONFLICTS, "You and bob are both changing src/billing/invoice.py", "",
                null, "discord-dm-" + alice, null));

        // THEN it is posted in her DM channel with the bot
        await().atMost(WAIT).until(() -> discord.channelMessages(dm).size() == 1);
        assertThat(FakeDiscord.visibleText(discord.channelMessages(dm).get(0))).contains("You and bob are both changing src/billing/invoice.py");
    }
}
