package com.ticolops.bot.notification;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Each person's local time, through {@link PersonalTimeZones} when a module provides it; UTC otherwise. */
@Component
class PersonalClock {

    private final ObjectProvider<PersonalTimeZones> zones;

    PersonalClock(ObjectProvider<PersonalTimeZones> zones) {
        this.zones = zones;
    }

    /** Empty when nobody stored a time zone for the person (or no module keeps time zones yet). */
    Optional<ZoneId> storedZone(long userId) {
        PersonalTimeZones provider = zones.getIfAvailable();
        return provider == null ? Optional.empty() : provider.zoneOf(userId);
    }

    ZoneId zone(long userId) {
        return storedZone(userId).orElse(ZoneOffset.UTC);
    }

    boolean isQuiet(long userId, QuietHours quiet) {
        return quiet != null && quiet.contains(LocalTime.now(zone(userId)));
    }
}
