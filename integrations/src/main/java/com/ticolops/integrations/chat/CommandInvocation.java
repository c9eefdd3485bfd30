package com.ticolops.integrations.chat;

import java.util.Map;
import java.util.Optional;

/**
 * A command as it reached us, free of platform types. Platforms with typed options (Discord) hand over the command's
 * name and its options by name ({@link #typed()}); the others hand over {@code text}, what followed {@code /ticolops}
 * (e.g. {@code member add @bob maintainer}), which the dispatcher parses.
 */
public record CommandInvocation(Actor actor, Conversation conversation, String text, Optional<TypedCommand> typed) {

    public CommandInvocation(Actor actor, Conversation conversation, String text) {
        this(actor, conversation, text, Optional.empty());
    }

    /** A command whose platform already split it into options; {@code text} is just its name. */
    public static CommandInvocation typed(Actor actor, Conversation conversation, String name, Map<String, String> options) {
        return new CommandInvocation(actor, conversation, name, Optional.of(new TypedCommand(name, options)));
    }

    /**
     * @param name    the command's spec name, e.g. {@code member add}
     * @param options the options given, by spec option name; a user option's value is the platform's user id
     */
    public record TypedCommand(String name, Map<String, String> options) {

        public TypedCommand {
            options = Map.copyOf(options);
        }
    }
}
