package com.ticolops.scheduler;

/**
 * A clean-up that runs once a night (UTC, each at its own minute so they do not compete). After downtime it runs once:
 * one run removes everything the missed ones would have.
 */
public abstract class NightlyTask extends UtcTask {

    /** @param minuteAfterThree when, past 03:00 UTC, it runs */
    protected NightlyTask(String name, int minuteAfterThree) {
        super(name, "0 " + minuteAfterThree + " 3 * * ?", MisfirePolicy.FIRE_ONCE_NOW);
    }
}
