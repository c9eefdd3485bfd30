package com.ticolops.bot.housekeeping;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event publication registry's backlog, as gauges: publications not completed (the work after the ack still to do:
 * announcements, notifications, provider calls), those failed and waiting for a resubmission, and how long the oldest
 * has waited. One indexed query (on {@code completion_date}) however many gauges are read, at most every few seconds
 * however often they are scraped.
 */
@Component
class PublicationBacklogMetrics implements MeterBinder {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private volatile Backlog last = new Backlog(0, 0, 0, 0);

    PublicationBacklogMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Backlog(long pending, long failed, double oldestSeconds, long readAtNanos) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ticolops.events.pending", this, metrics -> metrics.backlog().pending())
                .description("Event publications not completed yet (work after the ack still to do)").register(registry);
        Gauge.builder("ticolops.events.failed", this, metrics -> metrics.backlog().failed())
                .description("Event publications that failed and wait for a resubmission").register(registry);
        Gauge.builder("ticolops.events.oldest.pending.age", this, metrics -> metrics.backlog().oldestSeconds()).baseUnit("seconds")
                .description("How long the oldest incomplete event publication has waited").register(registry);
    }

    Backlog backlog() {
        Backlog current = last;
        if (current.readAtNanos() != 0 && System.nanoTime() - current.readAtNanos() < FRESH_FOR.toNanos()) {
            return current;
        }
        Backlog read = jdbc.sql("""
                        select count(*) as pending, count(*) filter (where status = 'FAILED') as failed,
                               coalesce(extract(epoch from now() - min(publication_date)), 0) as oldest
                          from event_publication where completion_date is null""")
                .query((row, n) -> new Backlog(row.getLong("pending"), row.getLong("failed"), row.getDouble("oldest"), System.nanoTime()))
                .single();
        last = read;
        return read;
    }
}
