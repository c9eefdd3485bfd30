package com.ticolops.bot.housekeeping;

import com.ticolops.scheduler.MisfirePolicy;
import com.ticolops.scheduler.RecurringTask;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Component;

/**
 * Delivers again what a listener failed to handle, e.g. an announcement while Slack was down, every half minute until
 * it succeeds. Only publications marked failed are taken, never ones still in progress, so a slow sender waiting out a
 * rate limit is not sent twice.
 */
@Component
class FailedEventPublicationResubmission implements RecurringTask {

    static final Duration MIN_AGE = Duration.ofSeconds(30);
    private static final int MAX_IN_FLIGHT = 100;

    private final FailedEventPublications failed;

    FailedEventPublicationResubmission(FailedEventPublications failed) {
        this.failed = failed;
    }

    @Override
    public String name() {
        return "resubmit-failed-event-publications";
    }

    @Override
    public String cron() {
        return "0/30 * * * * ?";
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** Each run takes everything that failed so far, so missed runs need no catching up. */
    @Override
    public MisfirePolicy misfirePolicy() {
        return MisfirePolicy.SKIP_MISSED;
    }

    @Override
    public void run() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(MIN_AGE).withMaxInFlight(MAX_IN_FLIGHT));
    }
}
