package com.ticolops.integrations.git;

import java.sql.Timestamp;
import java.time.Instant;
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

    /** Updates in batches, so a first run over years of deliveries holds no long lock. */
    private static final int BATCH = 10_000;

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

    /**
     * Drops the bodies of deliveries received before {@code cutoff}. Their rows stay: the delivery id is what refuses a
     * redelivery, and the provider, event and repository are what webhook health reads.
     *
     * @return how many bodies were dropped
     */
    public int dropPayloadsReceivedBefore(Instant cutoff) {
        int dropped = 0;
        int updated;
        do {
            updated = jdbc.sql("""
                            update webhook_deliveries set payload = null where id in (
                                select id from webhook_deliveries where payload is not null and received_at < ? limit ?)""")
                    .params(Timestamp.from(cutoff), BATCH).update();
            dropped += updated;
        } while (updated == BATCH);
        return dropped;
    }
}
