package com.ticolops.integrations.chat;

/**
 * A command as it reached us, free of platform types. {@code text} is what followed {@code /ticolops}, e.g.
 * {@code member add @bob maintainer}; platforms with structured options (Discord) join them in spec order.
 */
public record CommandInvocation(Actor actor, Conversation conversation, String text) {
}
