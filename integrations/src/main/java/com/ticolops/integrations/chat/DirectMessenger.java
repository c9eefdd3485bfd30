package com.ticolops.integrations.chat;

import java.util.UUID;

/**
 * Sends a message to one person rather than to a channel: a Slack or Discord direct message, a console channel of
 * their own. Blocks until the platform took the message and throws when it did not, so the caller can try again.
 */
public interface DirectMessenger {

    Platform platform();

    /**
     * @param userId    the person's id on this platform (Slack's {@code U…}, a Discord snowflake, a console name)
     * @param messageId the message's own id, the same on every attempt: a platform in our own database (the console)
     *                  sends each id once; Slack and Discord cannot tell a second attempt from a new message
     */
    void send(String userId, Reply message, UUID messageId);
}
