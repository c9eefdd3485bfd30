package com.ticolops.scheduler;

import java.time.ZoneId;

/**
 * Work that runs on a cron schedule. Declare it as a bean: the scheduler module stores it in Quartz's clustered
 * JDBC job store, so each fire time runs on one Ticolops instance only, and a run that does not finish in time
 * delays the next one instead of overlapping it.
 */
public interface RecurringTask {

    /** Unique and stable: it becomes the Quartz job and trigger name, so renaming a task starts a new schedule. */
    String name();

    /**
     * A Quartz cron expression: seconds first, and {@code ?} in one of the two day fields, e.g. {@code "0 15 3 * * ?"}
     * (Spring's {@code "0 15 3 * * *"} is refused at startup).
     */
    String cron();

    /** The time zone the cron expression is evaluated in. */
    ZoneId zone();

    /** What to do about fire times missed while no instance was running. */
    MisfirePolicy misfirePolicy();

    /** Does the work. An exception is logged with the task's name; the next fire time comes as usual. */
    void run();
}
