package com.ticolops.bot.notification;

import com.ticolops.bot.user.AccountsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The merged user's notification rows move to the kept one. Where both have settings the kept user's win, as the
 * person chose them on the account that made the link code; kinds off, mutes, verified addresses and the deliveries
 * (so a notification already sent to either is not sent again) are joined.
 */
@Component
class NotificationsOfMergedAccounts {

    private final JdbcClient jdbc;

    NotificationsOfMergedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the merge's own transaction: the merged user is deleted right after, so its rows must have moved. */
    @EventListener
    void on(AccountsMerged merge) {
        jdbc.sql("""
                insert into notification_settings (user_id, channel, email, webhook_url, webhook_secret_encrypted, quiet_start, quiet_end)
                select ?, channel, email, webhook_url, webhook_secret_encrypted, quiet_start, quiet_end from notification_settings where user_id = ?
                on conflict (user_id) do nothing""").params(merge.kept(), merge.merged()).update();
        jdbc.sql("""
                insert into notification_kinds_off (user_id, kind) select ?, kind from notification_kinds_off where user_id = ?
                on conflict do nothing""").params(merge.kept(), merge.merged()).update();
        jdbc.sql("""
                insert into notification_mutes (user_id, project_id) select ?, project_id from notification_mutes where user_id = ?
                on conflict do nothing""").params(merge.kept(), merge.merged()).update();
        jdbc.sql("update notification_email_verifications set user_id = ? where user_id = ?").params(merge.kept(), merge.merged()).update();
        jdbc.sql("""
                insert into notification_deliveries (user_id, idempotency_key, kind, subject, text, link, state, created_at, sent_at)
                select ?, idempotency_key, kind, subject, text, link, state, created_at, sent_at from notification_deliveries where user_id = ?
                on conflict do nothing""").params(merge.kept(), merge.merged()).update();
    }
}
