package com.ticolops.bot.command;

/** A command could not be done for a reason the user can fix; the message is shown to them as is. */
public class CommandException extends RuntimeException {

    public CommandException(String userMessage) {
        super(userMessage);
    }
}
