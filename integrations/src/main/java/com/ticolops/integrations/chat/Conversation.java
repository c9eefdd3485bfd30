package com.ticolops.integrations.chat;

/** Where a command ran and where announcements go: a channel as the platform knows it. */
public record Conversation(Platform platform, String channelId) {
}
