package com.ticolops.integrations.discord;

import com.ticolops.integrations.chat.MessageNotFoundException;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import net.dv8tion.jda.internal.requests.RestActionImpl;

/**
 * Posts to a channel by its id through JDA's requester, so JDA's per-route rate limits and {@code Retry-After}
 * handling apply. By id rather than through JDA's channel cache: the cache would need the guilds intent and a
 * loaded guild, and an announcement for a channel whose guild is still loading would fail for no good reason.
 * {@link RestActionImpl} is JDA-internal; JDA has no public way to send to an uncached channel.
 */
final class DiscordChannels {

    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{1,20}");

    private final JDA jda;

    DiscordChannels(JDA jda) {
        this.jda = jda;
    }

    /**
     * Blocks until Discord took the message, waiting out rate limits; throws when it was not delivered.
     *
     * @return the new message's id
     */
    String post(String channelId, MessageCreateData message) {
        return send(channelId, message.toData());
    }

    /**
     * A reply that quotes {@code parentId} (Discord's message reference). {@code fail_if_not_exists} is false: should the
     * parent have been deleted meanwhile, the reply is still posted, on its own.
     */
    String reply(String channelId, String parentId, MessageCreateData message) {
        snowflake(parentId, "message");
        DataObject reference = DataObject.empty().put("message_id", parentId).put("channel_id", channelId).put("fail_if_not_exists", false);
        return send(channelId, message.toData().put("message_reference", reference));
    }

    /** Replaces the message's content, embeds and components; throws {@link MessageNotFoundException} when it is gone. */
    void edit(String channelId, String messageId, MessageEditData message) {
        snowflake(channelId, "channel");
        snowflake(messageId, "message");
        try {
            new RestActionImpl<Void>(jda, Route.Messages.EDIT_MESSAGE.compile(channelId, messageId), message.toData()).complete();
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MESSAGE) {
                throw new MessageNotFoundException("Discord message " + messageId + " in " + channelId + " is gone", e);
            }
            throw e;
        }
    }

    private String send(String channelId, DataObject body) {
        snowflake(channelId, "channel");
        return new RestActionImpl<String>(jda, Route.Messages.SEND_MESSAGE.compile(channelId), body,
                (response, request) -> response.getObject().getString("id")).complete();
    }

    private static void snowflake(String id, String what) {
        if (id == null || !SNOWFLAKE.matcher(id).matches()) {
            throw new IllegalArgumentException("`" + id + "` is not a Discord " + what + " id");
        }
    }
}
