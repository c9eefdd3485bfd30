package com.ticolops.bot.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    @Test
    void quietHoursThatRunPastMidnightHoldTheEveningAndTheMorningButNotTheDay() {
        QuietHours night = QuietHours.parse("19:00-08:00").orElseThrow();

        assertThat(night.contains(LocalTime.of(19, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(2, 30))).isTrue();
        assertThat(night.contains(LocalTime.of(8, 0))).as("the end is not in it").isFalse();
        assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
    }

    @Test
    void quietHoursWithinADayHoldOnlyThatSpan() {
        QuietHours lunch = QuietHours.parse("12:00 - 13:30").orElseThrow();

        assertThat(lunch.contains(LocalTime.of(12, 45))).isTrue();
        assertThat(lunch.contains(LocalTime.of(13, 30))).isFalse();
        assertThat(lunch).hasToString("12:00-13:30");
    }

    @Test
    void whatIsNotTwoTimesOfDayIsNoRange() {
        assertThat(QuietHours.parse("25:00-08:00")).isEmpty();
        assertThat(QuietHours.parse("19:60-08:00")).isEmpty();
        assertThat(QuietHours.parse("evening")).isEmpty();
        assertThat(QuietHours.parse("08:00-08:00")).as("an empty span").isEmpty();
    }
}
