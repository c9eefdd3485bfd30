package com.ticolops.bot.housekeeping;

import com.ticolops.scheduler.FrequentTask;
import java.time.Duration;
import java.time.Instant;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Component;

/**
 * Delivers again what a listener failed to handle, e.g. an announcement while Slack was down: each failed publication
 * after a growing wait ({@link #BACKOFF}), until it succeeds.
 * <p>
 * A delivery in flight is not taken, so a slow sender waiting out a rate limit is not sent twice, unless its
 * publication is five minutes old and still in flight: then the process handling it died, or the database went away
 * before it could record the outcome, and Spring Modulith's staleness monitor marks it failed
 * ({@code spring.modulith.events.staleness.*} in application.yml). Modulith measures that age from the publication
 * date, so a resubmission of an old publication counts as failed while it still runs; the backoff, counted from the
 * latest resubmission, keeps it from being resubmitted again before its wait is over.
 */
@Component
class FailedEventPublicationResubmission extends FrequentTask {

    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30));
    /**
     * Modulith reads this many of the oldest failed publications and resubmits those that are due: enough that
     * publications which can never be delivered (a platform no longer configured) do not hide the others.
     */
    private static final int BATCH = 500;

    private final FailedEventPublications failed;

    FailedEventPublicationResubmission(FailedEventPublications failed) {
        super("resubmit-failed-event-publications", "0/10 * * * * ?");
        this.failed = failed;
    }

    @Override
    public void run() {
        Instant now = Instant.now();
        failed.resubmit(ResubmissionOptions.defaults().withBatchSize(BATCH).withMaxInFlight(BATCH)
                .withFilter(publication -> BACKOFF.isDue(publication, now)));
    }
}
