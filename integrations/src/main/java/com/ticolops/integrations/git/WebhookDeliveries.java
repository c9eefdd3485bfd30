package com.ticolops.integrations.git;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records each acknowledged delivery once and publishes what it means in the same transaction, so an event is
 * never lost between the 2xx and its listeners, and a redelivery changes nothing.
 *
 * <p>Group commit: one writer thread takes every delivery waiting at that moment and records them in one transaction,
 * so a burst of deliveries shares one commit (one WAL flush, the cost that bounds a durable write) instead of paying
 * one each. Each caller waits for its own delivery's commit, so a 2xx still means durably stored. Nothing is delayed
 * to make batches bigger: while one commit is on its way to the disk, the next batch gathers by itself.
 */
@Component
public class WebhookDeliveries {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    /** Updates in batches, so a first run over years of deliveries holds no long lock. */
    private static final int BATCH = 10_000;
    /** Deliveries per commit: PostgreSQL takes at most 65,535 parameters in a statement, six a delivery here. */
    private static final int MAX_GROUP = 500;
    /** Bodies per commit, so a few 25 MB deliveries are not held in one statement. */
    private static final long MAX_GROUP_BYTES = 16L << 20;
    /**
     * How long a caller waits for its commit: the pool's own wait for a connection (2 s) and a commit fit, and the
     * answer still comes well within the 3 s a database outage is promised and GitHub's 10 s.
     */
    private static final Duration MAX_WAIT = Duration.ofMillis(2_800);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer = new Thread(this::writeWhileRunning, "webhook-deliveries");
    private volatile boolean running = true;

    WebhookDeliveries(JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.events = events;
        this.transaction = transaction;
    }

    public record Delivery(GitProvider provider, String deliveryId, String event, String action, String repository, String payload) {
    }

    private record Pending(Delivery delivery, List<?> domainEvents, CompletableFuture<Boolean> recorded) {

        String key() {
            return delivery.provider().id() + "\n" + delivery.deliveryId();
        }
    }

    @PostConstruct
    void start() {
        writer.setDaemon(true);
        writer.start();
    }

    /** After the web server has finished its requests (beans are destroyed after it stopped): nothing is left waiting. */
    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(MAX_WAIT.toMillis());
    }

    /**
     * Waits until the delivery is committed.
     *
     * @return false when this delivery id was already recorded: nothing is stored or published again
     * @throws TransientDataAccessException when the database did not commit it in time (the delivery may still be
     *                                      recorded; a redelivery of it is then a duplicate)
     */
    public boolean record(Delivery delivery, Iterable<?> domainEvents) {
        List<Object> published = new ArrayList<>();
        domainEvents.forEach(published::add);
        Pending pending = new Pending(delivery, published, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.recorded().get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.recorded().cancel(false);
            throw new TransientDataAccessResourceException("delivery " + delivery.deliveryId() + " was not committed within " + MAX_WAIT);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientDataAccessResourceException("interrupted while recording delivery " + delivery.deliveryId());
        }
    }

    private void writeWhileRunning() {
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    write(group(first));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("The webhook delivery writer failed; it goes on with the next deliveries", e);
            }
        }
    }

    /** The deliveries waiting now, up to a group's limits, without those whose caller stopped waiting. */
    private List<Pending> group(Pending first) {
        List<Pending> group = new ArrayList<>(List.of(first));
        long bytes = size(first);
        Pending next;
        while (group.size() < MAX_GROUP && bytes < MAX_GROUP_BYTES && (next = queue.poll()) != null) {
            group.add(next);
            bytes += size(next);
        }
        group.removeIf(pending -> pending.recorded().isDone());
        return group;
    }

    private static long size(Pending pending) {
        return pending.delivery().payload() == null ? 0 : pending.delivery().payload().length();
    }

    private void write(List<Pending> group) {
        if (group.isEmpty()) {
            return;
        }
        Set<Pending> recorded;
        try {
            recorded = transaction.execute(status -> insertAndPublish(group));
        } catch (CannotCreateTransactionException | DataAccessResourceFailureException e) {
            // The database is unreachable: every delivery of the group is refused at once, none retried one by one.
            group.forEach(pending -> pending.recorded().completeExceptionally(e));
            return;
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).recorded().completeExceptionally(e);
            } else {
                // One delivery the database refuses must not cost the others theirs: each is tried alone.
                group.forEach(pending -> write(List.of(pending)));
            }
            return;
        }
        group.forEach(pending -> pending.recorded().complete(recorded.contains(pending)));
    }

    /**
     * @return the deliveries recorded now; a delivery id seen before is not, and one that comes twice in the group is
     *         recorded for its first caller only
     */
    private Set<Pending> insertAndPublish(List<Pending> group) {
        StringBuilder sql = new StringBuilder("insert into webhook_deliveries (provider, delivery_id, event, action, repository, payload) values ");
        List<Object> params = new ArrayList<>(group.size() * 6);
        Set<String> keys = new HashSet<>();
        for (Pending pending : group) {
            if (keys.add(pending.key())) {
                Delivery delivery = pending.delivery();
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
                params.addAll(Arrays.asList(delivery.provider().id(), delivery.deliveryId(), delivery.event(), delivery.action(),
                        delivery.repository(), delivery.payload()));
            }
        }
        sql.append(" on conflict (provider, delivery_id) do nothing returning provider, delivery_id");
        Set<String> inserted = new HashSet<>(jdbc.sql(sql.toString()).params(params)
                .query((row, n) -> row.getString(1) + "\n" + row.getString(2)).list());
        Set<Pending> recorded = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pending pending : group) {
            if (inserted.remove(pending.key())) {
                recorded.add(pending);
                pending.domainEvents().forEach(events::publishEvent);
            }
        }
        return recorded;
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
