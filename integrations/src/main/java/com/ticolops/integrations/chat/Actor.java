package com.ticolops.integrations.chat;

/** Who ran a command: a user id as the platform knows it. */
public record Actor(Platform platform, String userId, String displayName) {
}
