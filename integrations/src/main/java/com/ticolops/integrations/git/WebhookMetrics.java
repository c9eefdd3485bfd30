package com.ticolops.integrations.git;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code ticolops_webhooks_received_total{provider, event, outcome}}: what each delivery came to. The event is named
 * only once the signature or token checked out; before that it is whatever a caller sent, and would let anyone grow
 * the number of series at will.
 */
@Component
public final class WebhookMetrics {

    private final MeterRegistry registry;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param response what the delivery was answered; its {@code status} field tells accepted, stored, duplicate and pong apart */
    public void answered(GitProvider provider, String event, ResponseEntity<Map<String, Object>> response) {
        int status = response.getStatusCode().value();
        if (status < 300) {
            Object outcome = response.getBody() == null ? null : response.getBody().get("status");
            count(provider, event, outcome == null ? "accepted" : outcome.toString());
        } else {
            count(provider, "unverified", status >= 500 ? "unavailable" : "refused");
        }
    }

    /** The delivery could not be stored (the database is away): the provider keeps it to deliver again. */
    public void unavailable(GitProvider provider) {
        count(provider, "unverified", "unavailable");
    }

    private void count(GitProvider provider, String event, String outcome) {
        Counter.builder("ticolops.webhooks.received").description("Webhook deliveries, by what they came to")
                .tags("provider", provider.id(), "event", event == null ? "none" : event, "outcome", outcome)
                .register(registry).increment();
    }
}
