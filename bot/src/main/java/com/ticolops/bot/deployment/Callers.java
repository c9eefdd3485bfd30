package com.ticolops.bot.deployment;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;

/** The caller of a command as the deployment use cases see them. */
final class Callers {

    private Callers() {
    }

    /** Every deployment command declares a required role, so the caller is a member with a role. */
    static Caller of(CommandContext context) {
        return new Caller(context.userId(), context.caller().mention(),
                context.role().orElseThrow(() -> new CommandException("You are not a member of this channel's project.")), context.conversation());
    }
}
