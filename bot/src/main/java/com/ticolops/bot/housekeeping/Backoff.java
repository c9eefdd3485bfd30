package com.ticolops.bot.housekeeping;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.springframework.modulith.events.EventPublication;

/**
 * When a failed event publication is due again: {@code first} after its first attempt, twice as long after each
 * further one, at most {@code max}. Each wait is shortened by a random part of up to half (equal jitter), so the
 * publications one outage failed together come back spread out rather than in one burst. The random part is drawn
 * from the publication's id and attempt count, so every run agrees on when a publication is due.
 */
record Backoff(Duration first, Duration max) {

    /** Beyond this many doublings every wait is {@link #max} anyway; stops the shift from overflowing. */
    private static final int MAX_DOUBLINGS = 30;

    boolean isDue(EventPublication publication, Instant now) {
        Instant lastAttempt = publication.getLastResubmissionDate() != null ? publication.getLastResubmissionDate()
                : publication.getPublicationDate();
        return !now.isBefore(lastAttempt.plus(waitAfter(publication)));
    }

    /** The wait after the publication's latest attempt: Modulith counts the first delivery as attempt 1. */
    Duration waitAfter(EventPublication publication) {
        int attempts = publication.getCompletionAttempts();
        int doublings = Math.min(Math.max(attempts - 1, 0), MAX_DOUBLINGS);
        Duration full = first.multipliedBy(1L << doublings);
        if (full.compareTo(max) > 0) {
            full = max;
        }
        double jitter = new SplittableRandom(publication.getIdentifier().getLeastSignificantBits() * 31 + attempts).nextDouble();
        return full.minusMillis((long) (full.toMillis() * jitter / 2));
    }
}
