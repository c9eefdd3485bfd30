package com.ticolops.bot.notification;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A daily span, e.g. 19:00-08:00, that may run past midnight; the start is in it, the end is not. */
record QuietHours(LocalTime start, LocalTime end) {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm");

    /** Empty when {@code typed} is not two times of day apart, like 19:00-08:00. */
    static Optional<QuietHours> parse(String typed) {
        Matcher matcher = RANGE.matcher(typed.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            LocalTime start = LocalTime.parse(matcher.group(1), CLOCK);
            LocalTime end = LocalTime.parse(matcher.group(2), CLOCK);
            return start.equals(end) ? Optional.empty() : Optional.of(new QuietHours(start, end));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    boolean contains(LocalTime time) {
        return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end) : !time.isBefore(start) || time.isBefore(end);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
