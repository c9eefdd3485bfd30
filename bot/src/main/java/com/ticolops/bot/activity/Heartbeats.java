package com.ticolops.bot.activity;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Heartbeats arrive every 30 s from every open editor, 1,000/s for a large team: each one written and committed on its
 * own would cost a synchronous commit per heartbeat. They are kept in memory, the latest per person, and written
 * every second in one statement. Presence is about minutes, so a second's delay changes nothing, and a crash loses at
 * most the last second of heartbeats, which the next ones replace.
 */
@Component
class Heartbeats implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    static final long FLUSH_MILLIS = 1000;

    private final JdbcClient jdbc;
    private final Map<Long, Instant> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    Heartbeats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void beat(long userId, Instant at) {
        pending.merge(userId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Writes what has arrived since the last flush; a later heartbeat already stored is never replaced by an earlier one. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Long, Instant> batch = new java.util.HashMap<>();
        for (Long user : pending.keySet()) {
            Instant at = pending.remove(user);
            if (at != null) {
                batch.put(user, at);
            }
        }
        jdbc.sql("""
                        insert into presence (user_id, last_seen_at)
                        select * from unnest(cast(? as bigint[]), cast(? as timestamptz[]))
                        on conflict (user_id) do update set last_seen_at = greatest(presence.last_seen_at, excluded.last_seen_at)""")
                .params(batch.keySet().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")),
                        batch.keySet().stream().map(user -> "\"" + batch.get(user) + "\"")
                                .collect(Collectors.joining(",", "{", "}")))
                .update();
    }

    private void flushLogging() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Heartbeats were not written this time; the next ones will be", e);
        }
    }

    @Override
    public void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushLogging, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The last heartbeats are written before the database pool closes. */
    @Override
    public void stop() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushLogging();
        flusher = null;
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }
}
