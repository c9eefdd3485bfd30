package com.ticolops.bot.command;

import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;

/** One command: declares its spec and handles it. Knows nothing of Slack, Discord or the console. */
public interface CommandHandler {

    CommandSpec spec();

    Reply handle(CommandContext context);

    /**
     * Whether the dispatcher runs {@link #handle} inside one database transaction. A handler whose use case calls
     * GitHub, GitLab or another outside service answers false, and its service opens short transactions of its own,
     * so no connection is held while the other side thinks.
     */
    default boolean inOneTransaction() {
        return true;
    }
}
