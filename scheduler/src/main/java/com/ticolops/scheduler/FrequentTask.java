package com.ticolops.scheduler;

/**
 * A task that runs every few seconds or minutes (UTC) and takes everything that is due when it runs, so a run missed
 * while no instance was up needs no catching up: the next one does its work.
 */
public abstract class FrequentTask extends UtcTask {

    /** @param cron a Quartz cron expression, e.g. {@code "0/30 * * * * ?"} */
    protected FrequentTask(String name, String cron) {
        super(name, cron, MisfirePolicy.SKIP_MISSED);
    }
}
