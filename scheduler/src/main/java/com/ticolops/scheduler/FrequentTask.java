package com.ticolops.scheduler;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A task that runs every few seconds or minutes (UTC) and takes everything that is due when it runs, so a run missed
 * while no instance was up needs no catching up: the next one does its work.
 */
public abstract class FrequentTask implements RecurringTask {

    private final String name;
    private final String cron;

    /** @param cron a Quartz cron expression, e.g. {@code "0/30 * * * * ?"} */
    protected FrequentTask(String name, String cron) {
        this.name = name;
        this.cron = cron;
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
        return MisfirePolicy.SKIP_MISSED;
    }
}
