package com.ticolops.integrations.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * The domain asked for a message in a channel; delivered through the event publication registry, so never lost.
 *
 * @param id     this announcement, kept with it in the registry: a platform in our own database (the console) posts
 *               each id once, however often a crash makes the registry deliver it; null for announcements queued
 *               before ids existed
 * @param anchor how the message relates to earlier ones about the same thing (a pull request, an issue), or null for a
 *               message that stands alone
 */
public record AnnouncementRequested(UUID id, Conversation conversation, Reply message, Anchor anchor) {

    public AnnouncementRequested(Conversation conversation, Reply message, Anchor anchor) {
        this(UUID.randomUUID(), conversation, message, anchor);
    }

    public AnnouncementRequested(Conversation conversation, Reply message) {
        this(conversation, message, null);
    }

    /**
     * Ties announcements about one thing together in each channel: the thing's {@link Mode#PRIMARY} message is posted
     * once and then updated in place, and {@link Mode#THREAD} messages are replies under it.
     *
     * @param key  what the messages are about, unique across platforms' channels, e.g. {@code github:acme/shop#12}
     * @param asOf for a {@link Mode#PRIMARY} message, when its subject was in the state it shows (the provider's
     *             {@code updated_at}): an announcement of an earlier state never replaces a later one. Null when unknown.
     */
    public record Anchor(String key, Mode mode, Instant asOf) {

        static final int MAX_KEY = 500;

        public Anchor {
            if (key == null || key.isBlank() || key.length() > MAX_KEY) {
                throw new IllegalArgumentException("an anchor key is 1-" + MAX_KEY + " characters: " + key);
            }
            if (mode == null) {
                throw new IllegalArgumentException("an anchor needs a mode");
            }
        }

        public Anchor(String key, Mode mode) {
            this(key, mode, null);
        }

        public static Anchor primary(String key) {
            return new Anchor(key, Mode.PRIMARY);
        }

        public static Anchor primary(String key, Instant asOf) {
            return new Anchor(key, Mode.PRIMARY, asOf);
        }

        public static Anchor thread(String key) {
            return new Anchor(key, Mode.THREAD);
        }
    }

    public enum Mode {
        /** Posted the first time; later ones replace it in place (a pull request's state: opened, then merged). */
        PRIMARY,
        /** A reply in the thread of the key's primary message; top-level while the channel has none. */
        THREAD
    }
}
