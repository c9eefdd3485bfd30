package com.ticolops.bot.command;

import com.ticolops.integrations.chat.Platform;

/** A user as a platform knows them, e.g. a mentioned {@code @bob} on the console or {@code <@U123>} on Slack. */
public record ChatUser(Platform platform, String userId) {

    /** How to mention them in a reply, as their platform shows mentions. */
    public String mention() {
        return platform.mention(userId);
    }
}
