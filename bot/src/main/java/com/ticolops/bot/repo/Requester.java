package com.ticolops.bot.repo;

import com.ticolops.bot.command.ChatUser;
import com.ticolops.bot.command.CommandContext;
import com.ticolops.integrations.chat.Conversation;

/** Who asks for a change and in which channel: that channel hears of it, and follows a repository connected from it. */
public record Requester(long userId, ChatUser user, Conversation conversation) {

    /** Whoever runs the command, in its channel. */
    static Requester of(CommandContext context) {
        return new Requester(context.userId(), context.caller(), context.conversation());
    }
}
