package com.ticolops.integrations.chat;

import java.util.Optional;

/** Where each anchored primary message went: per platform, channel and anchor key, the platform's message reference. */
interface AnchoredMessages {

    /**
     * Holds off other deliveries for the same anchor in this channel until the current transaction ends, so two
     * announcements about one pull request never both find "no message yet" and both post.
     */
    void lock(Platform platform, String channelId, String key);

    Optional<String> find(Platform platform, String channelId, String key);

    /** Records (or replaces, when the old one was gone) the message the key's announcements now update and thread under. */
    void remember(Platform platform, String channelId, String key, String messageRef);
}
