package com.ticolops.bot.command;

import com.ticolops.integrations.chat.Actor;
import com.ticolops.integrations.chat.Conversation;
import java.util.Map;
import java.util.Optional;

/**
 * A validated command, ready to run: who ran it (as the platform and as our user), where, in which project, and its
 * options, already checked against the spec.
 */
public record CommandContext(Actor actor, long userId, Conversation conversation, Optional<ProjectRef> currentProject,
                             Optional<Role> role, Map<String, String> options) {

    public CommandContext {
        options = Map.copyOf(options);
    }

    public ChatUser caller() {
        return new ChatUser(actor.platform(), actor.userId());
    }

    /** The channel's project; commands that declare a required role always have one. */
    public ProjectRef project() {
        return currentProject.orElseThrow(() -> new CommandException(CommandDispatcher.NO_PROJECT));
    }

    public String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("option " + name + " is not in this command's spec or was not given");
        }
        return value;
    }

    public Optional<String> optionalOption(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** A USER option: a user on the caller's platform. */
    public ChatUser user(String name) {
        return new ChatUser(actor.platform(), option(name));
    }
}
