package com.ticolops.integrations.chat;

import java.time.Instant;

/** Keeps the record of anchored messages from growing without bound. */
public interface AnchoredMessageRetention {

    /**
     * Forgets the messages anchors were posted as before {@code cutoff}: the next announcement about such an anchor
     * posts a new message.
     *
     * @return how many were forgotten
     */
    int forgetPostedBefore(Instant cutoff);
}
