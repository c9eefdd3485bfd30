package com.ticolops.integrations.chat;

import com.ticolops.integrations.chat.AnnouncementRequested.Anchor;
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

    /** Strictly later: of two states stamped the same second (GitHub's precision) the last delivered is shown. */
    @Override
    public boolean showsLaterState(Platform platform, String channelId, Anchor anchor) {
        return anchor.asOf() != null && jdbc.sql("""
                        select exists (select 1 from announcement_messages
                                       where platform = ? and channel_id = ? and anchor_key = ? and applied_at > ?)""")
                .params(platform.id(), channelId, anchor.key(), Timestamp.from(anchor.asOf())).query(Boolean.class).single();
    }

    /** {@code greatest} ignores nulls: an announcement without a time keeps the time of the state shown before. */
    @Override
    public void remember(Platform platform, String channelId, Anchor anchor, String messageRef) {
        jdbc.sql("""
                        insert into announcement_messages (platform, channel_id, anchor_key, message_ref, applied_at) values (?, ?, ?, ?, cast(? as timestamptz))
                        on conflict (platform, channel_id, anchor_key) do update set message_ref = excluded.message_ref, posted_at = now(),
                            applied_at = greatest(announcement_messages.applied_at, excluded.applied_at)""")
                .params(platform.id(), channelId, anchor.key(), messageRef, timestamp(anchor)).update();
    }

    @Override
    public void updated(Platform platform, String channelId, Anchor anchor) {
        jdbc.sql("""
                        update announcement_messages set applied_at = greatest(applied_at, cast(? as timestamptz))
                        where platform = ? and channel_id = ? and anchor_key = ?""")
                .params(timestamp(anchor), platform.id(), channelId, anchor.key()).update();
    }

    private static Timestamp timestamp(Anchor anchor) {
        return anchor.asOf() == null ? null : Timestamp.from(anchor.asOf());
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
