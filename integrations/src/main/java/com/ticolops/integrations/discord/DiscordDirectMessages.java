package com.ticolops.integrations.discord;

import com.ticolops.integrations.chat.DirectMessenger;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.util.UUID;
import net.dv8tion.jda.api.JDA;

/**
 * A direct message on Discord: JDA's {@code openPrivateChannelById} gives the bot's DM channel with the user (Discord
 * answers with the same channel each time), and the message is posted there like any announcement. At least once.
 */
final class DiscordDirectMessages implements DirectMessenger {

    private final JDA jda;
    private final DiscordSender sender;

    DiscordDirectMessages(JDA jda, DiscordSender sender) {
        this.jda = jda;
        this.sender = sender;
    }

    @Override
    public Platform platform() {
        return Platform.DISCORD;
    }

    @Override
    public void send(String userId, Reply message, UUID messageId) {
        String channelId = jda.openPrivateChannelById(userId).complete().getId();
        sender.post(channelId, message);
    }
}
