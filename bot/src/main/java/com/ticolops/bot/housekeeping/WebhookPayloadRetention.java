package com.ticolops.bot.housekeeping;

import com.ticolops.integrations.git.WebhookDeliveries;
import com.ticolops.scheduler.NightlyTask;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Nightly, drops the bodies of webhook deliveries older than {@code ticolops.retention.webhook-payloads}. */
@Component
class WebhookPayloadRetention extends NightlyTask {

    private final WebhookDeliveries deliveries;
    private final RetentionProperties retention;

    WebhookPayloadRetention(WebhookDeliveries deliveries, RetentionProperties retention) {
        super("drop-old-webhook-payloads", 27);
        this.deliveries = deliveries;
        this.retention = retention;
    }

    @Override
    public void run() {
        deliveries.dropPayloadsReceivedBefore(Instant.now().minus(retention.webhookPayloads()));
    }
}
