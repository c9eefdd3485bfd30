package com.ticolops.bot.activity;

import java.util.List;

/** Someone was seen working: at these locations (one per file of a push), in one project. */
public record ActivityRecorded(long projectId, List<Activity> activities) {

    public ActivityRecorded {
        activities = List.copyOf(activities);
    }
}
