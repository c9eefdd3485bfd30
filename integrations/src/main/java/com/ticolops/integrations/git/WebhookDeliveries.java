package com.ticolops.integrations.git;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records each acknowledged delivery once and publishes what it means in the same transaction, so an event is
 * never lost between the 2xx and its listeners, and a redelivery changes nothing.
 */
@Component
public class WebhookDeliveries {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    WebhookDeliveries(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public record Delivery(GitProvider provider, String deliveryId, String event, String action, String repository, String payload) {
    }

    /** @return false when this delivery id was already recorded: nothing is stored or published again */
    @Transactional
    public boolean record(Delivery delivery, Iterable<?> domainEvents) {
        int inserted = jdbc.sql("""
                        insert into webhook_deliveries (provider, delivery_id, event, action, repository, payload)
                        values (?, ?, ?, ?, ?, cast(? as jsonb))
                        on conflict (provider, delivery_id) do nothing""")
                .params(delivery.provider().id(), delivery.deliveryId(), delivery.event(), delivery.action(), delivery.repository(),
                        delivery.payload())
                .update();
        if (inserted == 0) {
            return false;
        }
        domainEvents.forEach(events::publishEvent);
        return true;
    }
}
