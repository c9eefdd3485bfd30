package com.ticolops.bot.housekeeping;

import com.ticolops.scheduler.NightlyTask;
import java.time.Duration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.stereotype.Component;

/** Keeps the event publication registry small: delivered events are kept a week for inspection, then deleted. */
@Component
class CompletedEventPublicationPurge extends NightlyTask {

    static final Duration KEEP = Duration.ofDays(7);

    private final CompletedEventPublications completed;

    CompletedEventPublicationPurge(CompletedEventPublications completed) {
        super("purge-completed-event-publications", 17);
        this.completed = completed;
    }

    @Override
    public void run() {
        completed.deletePublicationsOlderThan(KEEP);
    }
}
