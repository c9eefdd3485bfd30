package com.ticolops.integrations.discord;

import com.ticolops.integrations.chat.ChatSender;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Announcements to Discord channels. A failure propagates, so the announcement stays in the event publication registry
 * and is delivered again; a reply split into several messages may then repeat its first parts, which beats losing one.
 */
final class DiscordSender implements ChatSender {

    private final DiscordChannels channels;
    private final DiscordReplies replies;

    DiscordSender(DiscordChannels channels, DiscordReplies replies) {
        this.channels = channels;
        this.replies = replies;
    }

    @Override
    public Platform platform() {
        return Platform.DISCORD;
    }

    @Override
    public void post(String channelId, Reply message) {
        for (MessageCreateData part : replies.render(message)) {
            channels.post(channelId, part);
        }
    }
}
