package com.ticolops.integrations.chat;

/** The domain asked for a message in a channel; delivered through the event publication registry, so never lost. */
public record AnnouncementRequested(Conversation conversation, Reply message) {
}
