package com.ticolops.bot.housekeeping;

import com.ticolops.integrations.chat.AnchoredMessageRetention;
import com.ticolops.scheduler.NightlyTask;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Nightly, forgets the anchored messages posted longer ago than {@code ticolops.retention.message-anchors}. */
@Component
class MessageAnchorRetention extends NightlyTask {

    private final AnchoredMessageRetention anchors;
    private final RetentionProperties retention;

    MessageAnchorRetention(AnchoredMessageRetention anchors, RetentionProperties retention) {
        super("forget-old-message-anchors", 37);
        this.anchors = anchors;
        this.retention = retention;
    }

    @Override
    public void run() {
        anchors.forgetPostedBefore(Instant.now().minus(retention.messageAnchors()));
    }
}
