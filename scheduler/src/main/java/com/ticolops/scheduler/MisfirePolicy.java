package com.ticolops.scheduler;

/**
 * What a {@link RecurringTask} does about fire times missed while Ticolops was down (or too busy to fire on time).
 * Neither policy replays every missed slot: after three days of downtime a daily digest fires once, never three times.
 */
public enum MisfirePolicy {

    /** Fire once as soon as the scheduler is back, then follow the cron (Quartz's {@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}). */
    FIRE_ONCE_NOW,

    /** Forget the missed fire times and wait for the next one on the cron (Quartz's {@code MISFIRE_INSTRUCTION_DO_NOTHING}). */
    SKIP_MISSED
}
