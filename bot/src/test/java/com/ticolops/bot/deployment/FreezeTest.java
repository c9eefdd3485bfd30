package com.ticolops.bot.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Friday 16:00 to Monday 08:00 in Berlin, the freeze teams ask for most. */
class FreezeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final Freeze weekend = new Freeze(1, "0 16 * * FRI", "0 8 * * MON");

    @Test
    void fridayAfternoonToMondayMorningIsFrozenUntilMondayEightInTheProjectsZone() {
        assertThat(weekend.frozenUntil(at("2026-12-04T16:30"), BERLIN)).contains(at("2026-12-07T08:00"));
        assertThat(weekend.frozenUntil(at("2026-12-06T23:00"), BERLIN)).contains(at("2026-12-07T08:00"));
    }

    @Test
    void theRestOfTheWeekIsNotFrozen() {
        assertThat(weekend.frozenUntil(at("2026-12-04T15:59"), BERLIN)).isEmpty();
        assertThat(weekend.frozenUntil(at("2026-12-07T08:00"), BERLIN)).isEmpty();
        assertThat(weekend.frozenUntil(at("2026-12-02T12:00"), BERLIN)).isEmpty();
    }

    @Test
    void theWindowIsReadInTheEnvironmentsZone() {
        // 16:30 in London is 17:30 in Berlin: frozen there, but not yet in New York (11:30)
        Instant friday = ZonedDateTime.parse("2026-12-04T16:30:00Z").toInstant();
        assertThat(weekend.frozenUntil(friday, BERLIN)).isPresent();
        assertThat(weekend.frozenUntil(friday, ZoneId.of("America/New_York"))).isEmpty();
    }

    @Test
    void aWordThatIsNotCronIsRefused() {
        assertThatThrownBy(() -> Freeze.check("fridays")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Instant at(String berlinTime) {
        return java.time.LocalDateTime.parse(berlinTime).atZone(BERLIN).toInstant();
    }
}
