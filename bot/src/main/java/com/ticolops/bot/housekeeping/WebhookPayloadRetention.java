package com.ticolops.bot.housekeeping;

import com.ticolops.integrations.git.WebhookDeliveries;
import com.ticolops.scheduler.MisfirePolicy;
import com.ticolops.scheduler.RecurringTask;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** Nightly, drops the bodies of webhook deliveries older than {@code ticolops.retention.webhook-payloads}. */
@Component
class WebhookPayloadRetention implements RecurringTask {

    private final WebhookDeliveries deliveries;
    private final RetentionProperties retention;

    WebhookPayloadRetention(WebhookDeliveries deliveries, RetentionProperties retention) {
        this.deliveries = deliveries;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "drop-old-webhook-payloads";
    }

    @Override
    public String cron() {
        return "0 27 3 * * ?";
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** One run after downtime drops everything a missed one would have. */
    @Override
    public MisfirePolicy misfirePolicy() {
        return MisfirePolicy.FIRE_ONCE_NOW;
    }

    @Override
    public void run() {
        deliveries.dropPayloadsReceivedBefore(Instant.now().minus(retention.webhookPayloads()));
    }
}
