package com.ticolops.bot.housekeeping;

import com.ticolops.scheduler.MisfirePolicy;
import com.ticolops.scheduler.RecurringTask;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Component;

/**
 * Delivers again what a listener failed to handle, e.g. an announcement while Slack was down: each failed publication
 * after a growing wait ({@link #BACKOFF}), until it succeeds.
 * <p>
 * A delivery in flight is never taken, so a slow sender waiting out a rate limit is not sent twice, unless it has been
 * in flight for {@link #STALE_AFTER}: then the process handling it died, or the database went away before it could
 * record the outcome, and it counts as failed. Spring Modulith's own staleness monitor measures from the publication
 * date, so it would fail a resubmission still running for an old publication; this measures from the latest attempt.
 */
@Component
class FailedEventPublicationResubmission implements RecurringTask {

    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30));
    static final Duration STALE_AFTER = Duration.ofMinutes(5);
    /**
     * Modulith reads this many of the oldest failed publications and resubmits those that are due: enough that
     * publications which can never be delivered (a platform no longer configured) do not hide the others.
     */
    private static final int BATCH = 500;

    private final FailedEventPublications failed;
    private final JdbcClient jdbc;

    FailedEventPublicationResubmission(FailedEventPublications failed, JdbcClient jdbc) {
        this.failed = failed;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "resubmit-failed-event-publications";
    }

    @Override
    public String cron() {
        return "0/10 * * * * ?";
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** Each run takes everything that is due so far, so missed runs need no catching up. */
    @Override
    public MisfirePolicy misfirePolicy() {
        return MisfirePolicy.SKIP_MISSED;
    }

    @Override
    public void run() {
        Instant now = Instant.now();
        jdbc.sql("""
                        update event_publication set status = 'FAILED'
                        where completion_date is null and status in ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')
                            and coalesce(last_resubmission_date, publication_date) < ?""")
                .param(Timestamp.from(now.minus(STALE_AFTER))).update();
        failed.resubmit(ResubmissionOptions.defaults().withBatchSize(BATCH).withMaxInFlight(BATCH)
                .withFilter(publication -> BACKOFF.isDue(publication, now)));
    }
}
