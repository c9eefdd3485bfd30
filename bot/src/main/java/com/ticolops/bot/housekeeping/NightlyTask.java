package com.ticolops.bot.housekeeping;

import com.ticolops.scheduler.MisfirePolicy;
import com.ticolops.scheduler.RecurringTask;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clean-up that runs once a night (UTC, each at its own minute so they do not compete). After downtime it runs once:
 * one run removes everything the missed ones would have.
 */
abstract class NightlyTask implements RecurringTask {

    private final String name;
    private final String cron;

    /** @param minuteAfterThree when, past 03:00 UTC, it runs */
    NightlyTask(String name, int minuteAfterThree) {
        this.name = name;
        this.cron = "0 " + minuteAfterThree + " 3 * * ?";
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String cron() {
        return cron;
    }

    @Override
    public final ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public final MisfirePolicy misfirePolicy() {
        return MisfirePolicy.FIRE_ONCE_NOW;
    }
}
