package com.ticolops.integrations.slack;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Slack requests already acted on, in PostgreSQL so a retry that reaches another replica, or this one after a
 * restart, is still recognised. Keyed by trigger id: Slack gives every slash command and click its own.
 */
class SlackRequests {

    /** Trigger ids expire within minutes; a day's worth is plenty to recognise any retry. */
    private static final String RETENTION = "1 day";
    private static final int PRUNE_EVERY = 1000;

    private final JdbcClient jdbc;
    private final AtomicLong claimed = new AtomicLong();

    SlackRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true the first time {@code requestId} is claimed, on any replica; false for a retry or replay */
    boolean claim(String requestId) {
        int inserted = jdbc.sql("insert into slack_requests (request_id) values (?) on conflict do nothing").param(requestId).update();
        if (claimed.incrementAndGet() % PRUNE_EVERY == 0) {
            jdbc.sql("delete from slack_requests where received_at < now() - cast(? as interval)").param(RETENTION).update();
        }
        return inserted == 1;
    }
}
