package com.ticolops.integrations.chat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** {@link AnchoredMessages} in PostgreSQL ({@code announcement_messages}, V9). */
@Component
class JdbcAnchoredMessages implements AnchoredMessages, AnchoredMessageRetention {

    /** Deletes in batches, so a first run over years of anchors holds no long lock. */
    private static final int BATCH = 10_000;

    private final JdbcClient jdbc;

    JdbcAnchoredMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A transaction-scoped advisory lock: it serialises deliveries across nodes too, and PostgreSQL releases it when the
     * listener's transaction ends, however it ends. Outside a transaction it would be released at once, so refuse.
     */
    @Override
    public void lock(Platform platform, String channelId, String key) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("anchored announcements are delivered inside a transaction");
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param(platform.id() + "\n" + channelId + "\n" + key)
                .query((row, n) -> 1).list();
    }

    @Override
    public Optional<String> find(Platform platform, String channelId, String key) {
        return jdbc.sql("select message_ref from announcement_messages where platform = ? and channel_id = ? and anchor_key = ?")
                .params(platform.id(), channelId, key).query(String.class).optional();
    }

    @Override
    public void remember(Platform platform, String channelId, String key, String messageRef) {
        jdbc.sql("""
                        insert into announcement_messages (platform, channel_id, anchor_key, message_ref) values (?, ?, ?, ?)
                        on conflict (platform, channel_id, anchor_key) do update set message_ref = excluded.message_ref, posted_at = now()""")
                .params(platform.id(), channelId, key, messageRef).update();
    }

    @Override
    public int forgetPostedBefore(Instant cutoff) {
        int forgotten = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                            delete from announcement_messages where ctid in (
                                select ctid from announcement_messages where posted_at < ? limit ?)""")
                    .params(Timestamp.from(cutoff), BATCH).update();
            forgotten += deleted;
        } while (deleted == BATCH);
        return forgotten;
    }
}
