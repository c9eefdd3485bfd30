package com.ticolops.integrations.chat;

import java.util.List;

/** How a platform adapter hands a command to the domain; implemented by the bot's dispatcher. */
public interface CommandPort {

    Reply handle(CommandInvocation invocation);

    List<CommandSpec> commands();
}
