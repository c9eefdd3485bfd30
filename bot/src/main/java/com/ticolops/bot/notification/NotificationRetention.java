package com.ticolops.bot.notification;

import com.ticolops.scheduler.NightlyTask;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Once a night, forgets sent and skipped notifications older than {@code ticolops.notification.delivery-retention}
 * (held ones stay until they are sent) and verification links that expired unopened. By then the registry has long
 * completed their publications, so no redelivery can need the row; a publisher that sends the same key again after
 * that is heard again.
 */
@Component
class NotificationRetention extends NightlyTask {

    private final JdbcClient jdbc;
    private final NotificationProperties properties;

    NotificationRetention(JdbcClient jdbc, NotificationProperties properties) {
        // 03:40 UTC, after housekeeping's nightly tasks.
        super("notification-retention", 40);
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public void run() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(properties.deliveryRetention());
        jdbc.sql("delete from notification_deliveries where state in ('sent', 'skipped') and created_at < ?").param(before).update();
        jdbc.sql("delete from notification_email_verifications where verified_at is null and expires_at < now()").update();
    }
}
