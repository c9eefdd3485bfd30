package com.ticolops.integrations.discord;

import com.ticolops.integrations.chat.ChatSender;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Announcements to Discord channels. A failure propagates, so the announcement stays in the event publication registry
 * and is delivered again; a reply split into several messages may then repeat its first parts, which beats losing one.
 * <p>
 * Reviews and comments are replies that reference the pull request's message rather than messages in a thread:
 * a reply needs no permission beyond sending messages, works in every kind of text channel, and stays in the
 * channel's flow where people see it; a thread would need the create-threads permission and hide the activity one
 * click away.
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
    public String post(String channelId, Reply message) {
        String first = null;
        for (MessageCreateData part : replies.render(message)) {
            String id = channels.post(channelId, part);
            first = first == null ? id : first;
        }
        return first;
    }

    /** Only the first part of a split message replaces the message: an updated announcement stays one message. */
    @Override
    public void update(String channelId, String messageRef, Reply message) {
        channels.edit(channelId, messageRef, MessageEditData.fromCreateData(replies.render(message).get(0)));
    }

    /** The first part quotes the parent; the rest follow it as plain messages. */
    @Override
    public String reply(String channelId, String parentRef, Reply message) {
        List<MessageCreateData> parts = replies.render(message);
        String first = channels.reply(channelId, parentRef, parts.get(0));
        parts.stream().skip(1).forEach(part -> channels.post(channelId, part));
        return first;
    }
}
