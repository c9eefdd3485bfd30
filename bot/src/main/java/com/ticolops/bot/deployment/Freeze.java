package com.ticolops.bot.deployment;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * A freeze window: from each time {@code starts} fires until the next time {@code ends} fires, in the environment's
 * time zone. Cron as people write it (five fields: minute hour day-of-month month day-of-week, e.g. {@code 0 16 * * FRI})
 * or Spring's six (with seconds first).
 */
public record Freeze(long id, String starts, String ends) {

    /** @throws IllegalArgumentException naming the expression that is not cron */
    static void check(String expression) {
        expression(expression);
    }

    /**
     * Inside a window when the next end comes before the next start: cron only looks forward, and this needs nothing
     * else. A window that ends exactly when the next one starts counts as frozen until that end.
     *
     * @return when the window ends, if {@code at} lies in it
     */
    Optional<Instant> frozenUntil(Instant at, ZoneId zone) {
        ZonedDateTime now = at.atZone(zone);
        ZonedDateTime nextStart = expression(starts).next(now);
        ZonedDateTime nextEnd = expression(ends).next(now);
        if (nextEnd == null || nextStart != null && nextEnd.isAfter(nextStart)) {
            return Optional.empty();
        }
        return Optional.of(nextEnd.toInstant());
    }

    private static CronExpression expression(String text) {
        String trimmed = text.strip();
        return CronExpression.parse(trimmed.split("\\s+").length == 5 ? "0 " + trimmed : trimmed);
    }
}
