package com.ticolops.bot.notification;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** One row per notification and recipient ({@code notification_deliveries}): what became of it. */
@Component
class DeliveryLedger {

    enum State {
        /** Waiting for the end of the person's quiet hours. */
        HELD,
        /** About to go out, or out while its outcome is not recorded yet. */
        SENDING,
        SENT,
        /** The person turned the kind off or muted the project. */
        SKIPPED,
        /** No channel reached the person when it came: no chat account this Ticolops talks on, or a channel not configured. */
        UNREACHABLE;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Held(String idempotencyKey, NotificationKind kind, String subject, String text, String link) {
    }

    private final JdbcClient jdbc;
    private final StoredSettings settings;
    private final PersonalClock clock;

    DeliveryLedger(JdbcClient jdbc, StoredSettings settings, PersonalClock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Records a notification the first time it arrives, in the state the person's preferences give it now; a
     * notification that arrives again (the registry redelivered it, or its publisher sent it twice) keeps the state
     * its row has.
     */
    @Transactional
    State admit(NotificationRequested notification) {
        long userId = notification.recipient();
        State state = jdbc.sql("select state from notification_deliveries where user_id = ? and idempotency_key = ? for update")
                .params(userId, notification.idempotencyKey()).query(String.class).optional().map(DeliveryLedger::state).orElse(null);
        if (state != null) {
            return state;
        }
        StoredSettings.Row row = settings.of(userId);
        State decided = settings.kindsOff(userId).contains(notification.kind())
                || notification.projectId() != null && settings.muted(userId, notification.projectId()) ? State.SKIPPED
                : clock.isQuiet(userId, row.quiet()) ? State.HELD : State.SENDING;
        int inserted = jdbc.sql("""
                        insert into notification_deliveries (user_id, idempotency_key, kind, subject, text, link, state)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(userId, notification.idempotencyKey(), notification.kind().id(), notification.subject(), notification.text(),
                        notification.link(), decided.id()).update();
        if (inserted == 0) {
            // Another delivery of the same notification inserted it meanwhile: its state holds.
            return jdbc.sql("select state from notification_deliveries where user_id = ? and idempotency_key = ?")
                    .params(userId, notification.idempotencyKey()).query(String.class).single().transform(DeliveryLedger::state);
        }
        return decided;
    }

    void sent(long userId, List<String> idempotencyKeys) {
        jdbc.sql("update notification_deliveries set state = 'sent', sent_at = now() where user_id = ? and idempotency_key = any(?)")
                .params(userId, idempotencyKeys.toArray(String[]::new)).update();
    }

    void unreachable(long userId, List<String> idempotencyKeys) {
        jdbc.sql("update notification_deliveries set state = 'unreachable' where user_id = ? and idempotency_key = any(?)")
                .params(userId, idempotencyKeys.toArray(String[]::new)).update();
    }

    List<Long> usersWithHeld() {
        return jdbc.sql("select distinct user_id from notification_deliveries where state = 'held'").query(Long.class).list();
    }

    List<Held> held(long userId) {
        return jdbc.sql("select idempotency_key, kind, subject, text, link from notification_deliveries where user_id = ? and state = 'held' order by created_at, idempotency_key")
                .param(userId)
                .query((row, n) -> new Held(row.getString("idempotency_key"), NotificationKind.of(row.getString("kind")).orElseThrow(),
                        row.getString("subject"), row.getString("text"), row.getString("link")))
                .list();
    }

    private static State state(String id) {
        return State.valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
