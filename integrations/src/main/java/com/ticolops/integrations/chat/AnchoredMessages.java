package com.ticolops.integrations.chat;

import com.ticolops.integrations.chat.AnnouncementRequested.Anchor;
import java.util.Optional;

/** Where each anchored primary message went: per platform, channel and anchor key, the platform's message reference. */
interface AnchoredMessages {

    /**
     * Holds off other deliveries for the same anchor in this channel until the current transaction ends, so two
     * announcements about one pull request never both find "no message yet" and both post.
     */
    void lock(Platform platform, String channelId, String key);

    Optional<String> find(Platform platform, String channelId, String key);

    /** Whether the channel's primary message for the anchor already shows a later state than {@link Anchor#asOf}. */
    boolean showsLaterState(Platform platform, String channelId, Anchor anchor);

    /**
     * Records (or replaces, when the old one was gone) the message the key's announcements now update and thread under,
     * and the state it shows.
     */
    void remember(Platform platform, String channelId, Anchor anchor, String messageRef);

    /** The anchor's message was updated in place to the state of {@link Anchor#asOf}. */
    void updated(Platform platform, String channelId, Anchor anchor);
}
