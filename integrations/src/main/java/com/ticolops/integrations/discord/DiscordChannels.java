package com.ticolops.integrations.discord;

import java.util.regex.Pattern;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
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

    /** Blocks until Discord took the message, waiting out rate limits; throws when it was not delivered. */
    void post(String channelId, MessageCreateData message) {
        if (!SNOWFLAKE.matcher(channelId).matches()) {
            throw new IllegalArgumentException("`" + channelId + "` is not a Discord channel id");
        }
        new RestActionImpl<Void>(jda, Route.Messages.SEND_MESSAGE.compile(channelId), message.toData()).complete();
    }
}
