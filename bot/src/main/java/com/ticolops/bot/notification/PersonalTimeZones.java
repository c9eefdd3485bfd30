package com.ticolops.bot.notification;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Where a person's clock is, for their quiet hours. A port: the module that keeps people's time zones
 * ({@code /ticolops tz}) implements it as a bean; until one does, or for a person who set none, quiet hours are in UTC
 * and {@code notify} says so.
 */
public interface PersonalTimeZones {

    Optional<ZoneId> zoneOf(long userId);
}
