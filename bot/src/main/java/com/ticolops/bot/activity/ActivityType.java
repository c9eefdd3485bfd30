package com.ticolops.bot.activity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What someone does at a location. */
public enum ActivityType {
    CODING, REVIEWING, TESTING, DOCUMENTING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ActivityType> of(String id) {
        return Arrays.stream(values()).filter(type -> type.id().equalsIgnoreCase(id)).findFirst();
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(ActivityType::id).toList();
    }
}
