package com.ticolops.bot.housekeeping;

import com.ticolops.integrations.chat.AnchoredMessageRetention;
import com.ticolops.scheduler.MisfirePolicy;
import com.ticolops.scheduler.RecurringTask;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** Nightly, forgets the anchored messages posted longer ago than {@code ticolops.retention.message-anchors}. */
@Component
class MessageAnchorRetention implements RecurringTask {

    private final AnchoredMessageRetention anchors;
    private final RetentionProperties retention;

    MessageAnchorRetention(AnchoredMessageRetention anchors, RetentionProperties retention) {
        this.anchors = anchors;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "forget-old-message-anchors";
    }

    @Override
    public String cron() {
        return "0 37 3 * * ?";
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** One run after downtime forgets everything a missed one would have. */
    @Override
    public MisfirePolicy misfirePolicy() {
        return MisfirePolicy.FIRE_ONCE_NOW;
    }

    @Override
    public void run() {
        anchors.forgetPostedBefore(Instant.now().minus(retention.messageAnchors()));
    }
}
