package com.ticolops.bot.housekeeping;

import com.ticolops.scheduler.MisfirePolicy;
import com.ticolops.scheduler.RecurringTask;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.stereotype.Component;

/** Keeps the event publication registry small: delivered events are kept a week for inspection, then deleted. */
@Component
class CompletedEventPublicationPurge implements RecurringTask {

    static final Duration KEEP = Duration.ofDays(7);

    private final CompletedEventPublications completed;

    CompletedEventPublicationPurge(CompletedEventPublications completed) {
        this.completed = completed;
    }

    @Override
    public String name() {
        return "purge-completed-event-publications";
    }

    @Override
    public String cron() {
        return "0 17 3 * * ?";
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** One purge after downtime cleans everything a missed one would have. */
    @Override
    public MisfirePolicy misfirePolicy() {
        return MisfirePolicy.FIRE_ONCE_NOW;
    }

    @Override
    public void run() {
        completed.deletePublicationsOlderThan(KEEP);
    }
}
