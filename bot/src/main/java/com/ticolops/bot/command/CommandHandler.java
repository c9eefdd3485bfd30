package com.ticolops.bot.command;

import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;

/** One command: declares its spec and handles it. Knows nothing of Slack, Discord or the console. */
public interface CommandHandler {

    CommandSpec spec();

    Reply handle(CommandContext context);
}
