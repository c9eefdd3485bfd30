package com.ticolops.bot.notification;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The notification module's rows about a person: their channel, quiet hours, kinds turned off and muted projects. */
@Component
class StoredSettings {

    /** A person's row; every field may be null (no row at all reads as all null). */
    record Row(Channel channel, String email, String webhookUrl, byte[] webhookSecret, QuietHours quiet) {

        static final Row NONE = new Row(null, null, null, null, null);
    }

    private final JdbcClient jdbc;

    StoredSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Row of(long userId) {
        return jdbc.sql("select channel, email, webhook_url, webhook_secret_encrypted, quiet_start, quiet_end from notification_settings where user_id = ?")
                .param(userId)
                .query((row, n) -> {
                    LocalTime start = row.getObject("quiet_start", LocalTime.class);
                    String channel = row.getString("channel");
                    return new Row(channel == null ? null : Channel.of(channel), row.getString("email"), row.getString("webhook_url"),
                            row.getBytes("webhook_secret_encrypted"), start == null ? null : new QuietHours(start, row.getObject("quiet_end", LocalTime.class)));
                })
                .optional().orElse(Row.NONE);
    }

    void chatChannel(long userId, Channel channel) {
        jdbc.sql("""
                insert into notification_settings (user_id, channel) values (?, ?)
                on conflict (user_id) do update set channel = excluded.channel, updated_at = now()""").params(userId, channel.id()).update();
    }

    void email(long userId, String address) {
        jdbc.sql("""
                insert into notification_settings (user_id, channel, email) values (?, 'email', ?)
                on conflict (user_id) do update set channel = 'email', email = excluded.email, updated_at = now()""").params(userId, address).update();
    }

    void webhook(long userId, String url, byte[] secretEncrypted) {
        jdbc.sql("""
                insert into notification_settings (user_id, channel, webhook_url, webhook_secret_encrypted) values (?, 'webhook', ?, ?)
                on conflict (user_id) do update set channel = 'webhook', webhook_url = excluded.webhook_url,
                    webhook_secret_encrypted = excluded.webhook_secret_encrypted, updated_at = now()""")
                .params(userId, url, secretEncrypted).update();
    }

    /** @param quiet null: none */
    void quiet(long userId, QuietHours quiet) {
        jdbc.sql("""
                insert into notification_settings (user_id, quiet_start, quiet_end) values (?, ?, ?)
                on conflict (user_id) do update set quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, updated_at = now()""")
                .params(userId, quiet == null ? null : quiet.start(), quiet == null ? null : quiet.end()).update();
    }

    Set<NotificationKind> kindsOff(long userId) {
        return jdbc.sql("select kind from notification_kinds_off where user_id = ?").param(userId).query(String.class).list().stream()
                .map(NotificationKind::of).flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
    }

    void kind(long userId, NotificationKind kind, boolean on) {
        if (on) {
            jdbc.sql("delete from notification_kinds_off where user_id = ? and kind = ?").params(userId, kind.id()).update();
        } else {
            jdbc.sql("insert into notification_kinds_off (user_id, kind) values (?, ?) on conflict do nothing").params(userId, kind.id()).update();
        }
    }

    void mute(long userId, long projectId, boolean mute) {
        if (mute) {
            jdbc.sql("insert into notification_mutes (user_id, project_id) values (?, ?) on conflict do nothing").params(userId, projectId).update();
        } else {
            jdbc.sql("delete from notification_mutes where user_id = ? and project_id = ?").params(userId, projectId).update();
        }
    }

    boolean muted(long userId, long projectId) {
        return jdbc.sql("select count(*) from notification_mutes where user_id = ? and project_id = ?").params(userId, projectId)
                .query(Integer.class).single() > 0;
    }

    List<String> mutedProjects(long userId) {
        return jdbc.sql("select p.name from notification_mutes m join projects p on p.id = m.project_id where m.user_id = ? order by lower(p.name)")
                .param(userId).query(String.class).list();
    }
}
