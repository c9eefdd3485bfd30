package com.ticolops.bot.activity;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import com.ticolops.scheduler.PeriodicFlush;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Heartbeats arrive every 30 s from every open editor, 1,000/s for a large team: each one written and committed on its
 * own would cost a synchronous commit per heartbeat. They are kept in memory, the latest per person, and written
 * every second in one statement. Presence is about minutes, so a second's delay changes nothing, and a crash loses at
 * most the last second of heartbeats, which the next ones replace.
 */
@Component
class Heartbeats extends PeriodicFlush {

    static final long FLUSH_MILLIS = 1000;

    private final JdbcClient jdbc;
    private final Map<Long, Instant> pending = new ConcurrentHashMap<>();

    Heartbeats(JdbcClient jdbc) {
        super("heartbeats", FLUSH_MILLIS);
        this.jdbc = jdbc;
    }

    void beat(long userId, Instant at) {
        pending.merge(userId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Writes what has arrived since the last flush; a later heartbeat already stored is never replaced by an earlier one. */
    @Override
    protected void flush() {
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
}
