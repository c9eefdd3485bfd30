package com.ticolops.integrations.chat;

import java.util.UUID;

/**
 * Posts, updates and threads messages in the channels of one platform. Every method blocks until the platform took
 * the message and throws when it did not, so the announcement stays queued and is delivered again.
 * <p>
 * Announcements are posted through the variants that name the announcement. A platform that keeps its messages in our
 * own database posts each announcement once (exactly once); the others cannot tell a redelivery after a crash from a
 * new announcement and post it again (at least once), which is what the defaults do.
 */
public interface ChatSender {

    Platform platform();

    /**
     * Posts a message.
     *
     * @return the platform's reference to it (Slack's {@code ts}, Discord's message id, the console's id); for a
     *         message the platform's limits split into several, the first one's
     */
    String post(String channelId, Reply message);

    /**
     * Replaces a message posted earlier by {@link #post}. A message is kept to one: what would not fit into the first
     * part of a split message is cut.
     *
     * @throws MessageNotFoundException when the message is gone (deleted in the chat)
     */
    void update(String channelId, String messageRef, Reply message);

    /**
     * Posts a reply to an earlier message: in its thread on Slack and the console, as a reply referring to it on Discord.
     *
     * @return the reply's reference
     * @throws MessageNotFoundException when the parent is gone
     */
    String reply(String channelId, String parentRef, Reply message);

    /** {@link #post(String, Reply)} for the announcement {@code announcementId} (null: not known). */
    default String post(String channelId, Reply message, UUID announcementId) {
        return post(channelId, message);
    }

    /** {@link #reply(String, String, Reply)} for the announcement {@code announcementId} (null: not known). */
    default String reply(String channelId, String parentRef, Reply message, UUID announcementId) {
        return reply(channelId, parentRef, message);
    }
}
