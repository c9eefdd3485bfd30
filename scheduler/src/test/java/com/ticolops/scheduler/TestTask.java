package com.ticolops.scheduler;

import java.time.ZoneId;

/** A {@link RecurringTask} whose run does {@code work}. */
record TestTask(String name, String cron, ZoneId zone, MisfirePolicy misfirePolicy, Runnable work) implements RecurringTask {

    /** Never fires while the tests run, so the scheduler leaves its trigger alone. */
    static final String NEVER_DURING_TESTS = "0 0 12 1 1 ? 2099";

    static TestTask idle(String name, String cron, MisfirePolicy misfirePolicy) {
        return new TestTask(name, cron, ZoneId.of("UTC"), misfirePolicy, () -> { });
    }

    @Override
    public void run() {
        work.run();
    }
}
