package com.ticolops.bot.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication;

class BackoffTest {

    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30));

    @Test
    void eachWaitIsTwiceThePreviousBetweenHalfOfItAndAllOfIt() {
        UUID id = UUID.randomUUID();

        for (int attempts = 1; attempts <= 6; attempts++) {
            Duration full = Duration.ofSeconds(30).multipliedBy(1L << (attempts - 1));
            assertThat(BACKOFF.waitAfter(failed(id, attempts))).isBetween(full.dividedBy(2), full);
        }
    }

    @Test
    void noWaitIsLongerThanTheCapHoweverOftenAPublicationFailed() {
        assertThat(BACKOFF.waitAfter(failed(UUID.randomUUID(), 7))).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(30));
        assertThat(BACKOFF.waitAfter(failed(UUID.randomUUID(), 1_000))).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(30));
    }

    @Test
    void publicationsThatFailedTogetherComeBackAtDifferentTimesAndEachRunAgreesWhen() {
        Set<Duration> waits = IntStream.range(0, 20).mapToObj(i -> BACKOFF.waitAfter(failed(UUID.randomUUID(), 5))).collect(Collectors.toSet());
        EventPublication one = failed(UUID.randomUUID(), 5);

        assertThat(waits).hasSizeGreaterThan(15);
        assertThat(BACKOFF.waitAfter(one)).isEqualTo(BACKOFF.waitAfter(one));
    }

    @Test
    void aPublicationIsDueOnceItsWaitAfterTheLatestAttemptIsOver() {
        EventPublication neverResubmitted = failed(UUID.randomUUID(), 1);
        Instant published = neverResubmitted.getPublicationDate();

        assertThat(BACKOFF.isDue(neverResubmitted, published.plusSeconds(14))).isFalse();
        assertThat(BACKOFF.isDue(neverResubmitted, published.plusSeconds(30))).isTrue();
    }

    private static EventPublication failed(UUID id, int attempts) {
        Instant published = Instant.parse("2026-01-01T00:00:00Z");
        return new EventPublication() {
            public UUID getIdentifier() {
                return id;
            }

            public Object getEvent() {
                return "event";
            }

            public Instant getPublicationDate() {
                return published;
            }

            public Optional<Instant> getCompletionDate() {
                return Optional.empty();
            }

            public Status getStatus() {
                return Status.FAILED;
            }

            public Instant getLastResubmissionDate() {
                return attempts == 1 ? null : published.plusSeconds(3600);
            }

            public int getCompletionAttempts() {
                return attempts;
            }
        };
    }
}
