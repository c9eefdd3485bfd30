package com.ticolops.bot.repo;

import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookRefusals;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Deliveries the webhook endpoints refused for a connected repository, so {@code repo list} can show a broken hook. */
@Component
class WebhookHealth implements WebhookRefusals {

    /** Refusals older than this are forgotten: health is about now, and the table must not grow without bound. */
    static final Duration KEPT = Duration.ofDays(7);

    private final JdbcClient jdbc;

    WebhookHealth(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void refused(GitProvider provider, String repository, int status, String reason) {
        jdbc.sql("""
                        insert into webhook_refusals (repository_id, status, reason)
                        select id, ?, ? from repositories where provider = ? and lower(full_name) = lower(?)""")
                .params(status, reason, provider.id(), repository).update();
    }

    Optional<RepoService.Refusals> refusalsSince(long repositoryId, Instant since) {
        return jdbc.sql("""
                        select count(*) over () as n, reason, refused_at from webhook_refusals where repository_id = ? and refused_at >= ?
                        order by refused_at desc limit 1""")
                .params(repositoryId, Timestamp.from(since))
                .query((row, n) -> new RepoService.Refusals(row.getInt("n"), row.getString("reason"), row.getTimestamp("refused_at").toInstant()))
                .optional();
    }

    void forgetOlderThan(Instant cutoff) {
        jdbc.sql("delete from webhook_refusals where refused_at < ?").param(Timestamp.from(cutoff)).update();
    }
}
