package com.ticolops.scheduler;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** A task whose schedule is fixed in code and read in UTC: its name, cron and misfire policy given once. */
public abstract class UtcTask implements RecurringTask {

    private final String name;
    private final String cron;
    private final MisfirePolicy misfirePolicy;

    UtcTask(String name, String cron, MisfirePolicy misfirePolicy) {
        this.name = name;
        this.cron = cron;
        this.misfirePolicy = misfirePolicy;
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
        return misfirePolicy;
    }
}
