package com.ticolops.bot.deployment;

import com.ticolops.integrations.chat.Conversation;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every deploy, rollback, lock, unlock, override and refusal, in PostgreSQL ({@code deployment_audit}, V13). */
@Component
class AuditTrail {

    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long projectId, String actor, String action, String repository, String environment, boolean allowed, String reason,
                Conversation where) {
        jdbc.sql("""
                        insert into deployment_audit (project_id, actor, action, repository, environment, allowed, reason, platform, channel_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(projectId, actor, action, repository, environment, allowed, reason, where == null ? null : where.platform().id(),
                        where == null ? null : where.channelId())
                .update();
    }

    List<AuditEntry> latest(long projectId, int count) {
        return jdbc.sql("""
                        select at, actor, action, repository, environment, allowed, reason, platform, channel_id from deployment_audit
                        where project_id = ? order by id desc limit ?""")
                .params(projectId, count)
                .query((row, n) -> new AuditEntry(row.getTimestamp("at").toInstant(), row.getString("actor"), row.getString("action"),
                        row.getString("repository"), row.getString("environment"), row.getBoolean("allowed"), row.getString("reason"),
                        row.getString("platform") == null ? null : new Conversation(
                                com.ticolops.integrations.chat.Platform.valueOf(row.getString("platform").toUpperCase(java.util.Locale.ROOT)),
                                row.getString("channel_id"))))
                .list();
    }
}
