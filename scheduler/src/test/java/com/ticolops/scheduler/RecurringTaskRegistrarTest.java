package com.ticolops.scheduler;

import static com.ticolops.scheduler.TestTask.NEVER_DURING_TESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Calls the registrar directly with the tasks each test needs. Its own scheduler name keeps these jobs away from the
 * other test classes' schedulers, which share the database (and would otherwise remove each other's jobs).
 */
@SpringBootTest(classes = RecurringTaskRegistrarTest.Application.class, properties = "spring.quartz.scheduler-name=" + RecurringTaskRegistrarTest.SCHEDULER)
class RecurringTaskRegistrarTest {

    static final String SCHEDULER = "registrar-test";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    @Autowired
    RecurringTaskRegistrar registrar;

    @Autowired
    Scheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachMisfirePolicyMapsToItsQuartzMisfireInstruction() throws Exception {
        // GIVEN a task for each misfire policy
        // WHEN they are registered
        registrar.register(List.of(TestTask.idle("registrar-test-fire-once", NEVER_DURING_TESTS, MisfirePolicy.FIRE_ONCE_NOW),
                TestTask.idle("registrar-test-skip", NEVER_DURING_TESTS, MisfirePolicy.SKIP_MISSED)));

        // THEN FIRE_ONCE_NOW fires once after downtime and SKIP_MISSED waits for the next slot
        assertThat(storedTrigger("registrar-test-fire-once").getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        assertThat(storedTrigger("registrar-test-skip").getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
    }

    @Test
    void anInvalidCronIsRefusedWithAMessageNamingTheTaskAndNothingIsScheduled() throws Exception {
        // GIVEN a valid task, and one with Spring's cron syntax, which Quartz does not accept
        List<RecurringTask> tasks = List.of(TestTask.idle("registrar-test-valid-sibling", NEVER_DURING_TESTS, MisfirePolicy.SKIP_MISSED),
                TestTask.idle("registrar-test-spring-cron", "0 15 3 * * *", MisfirePolicy.SKIP_MISSED));

        // WHEN they are registered
        // THEN registration fails, naming the task and its cron
        assertThatThrownBy(() -> registrar.register(tasks))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'registrar-test-spring-cron'")
                .hasMessageContaining("'0 15 3 * * *'");
        // AND the valid task was not scheduled either
        assertThat(scheduler.checkExists(jobKey("registrar-test-valid-sibling"))).isFalse();
    }

    @Test
    void twoTasksWithTheSameNameAreRefused() {
        // GIVEN two tasks named alike
        List<RecurringTask> tasks = List.of(TestTask.idle("registrar-test-twin", NEVER_DURING_TESTS, MisfirePolicy.SKIP_MISSED),
                TestTask.idle("registrar-test-twin", NEVER_DURING_TESTS, MisfirePolicy.FIRE_ONCE_NOW));

        // WHEN they are registered
        // THEN registration fails, naming them
        assertThatThrownBy(() -> registrar.register(tasks)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'registrar-test-twin'");
    }

    @Test
    void aJobWhoseTaskNoLongerExistsIsRemovedOnRegistration() throws Exception {
        // GIVEN a stored recurring job whose task was deleted from the code, and a job of another group
        scheduler.addJob(JobBuilder.newJob(RecurringTaskJob.class).withIdentity(jobKey("registrar-test-gone")).storeDurably().build(), true);
        JobKey otherGroup = JobKey.jobKey("registrar-test-other", "other");
        scheduler.addJob(JobBuilder.newJob(RecurringTaskJob.class).withIdentity(otherGroup).storeDurably().build(), true);

        // WHEN the remaining tasks are registered
        registrar.register(List.of(TestTask.idle("registrar-test-kept", NEVER_DURING_TESTS, MisfirePolicy.SKIP_MISSED)));

        // THEN the orphaned recurring job is gone, the others are there
        assertThat(scheduler.checkExists(jobKey("registrar-test-gone"))).isFalse();
        assertThat(scheduler.checkExists(jobKey("registrar-test-kept"))).isTrue();
        assertThat(scheduler.checkExists(otherGroup)).isTrue();
    }

    @Test
    void anUnchangedTaskKeepsItsStoredTriggerSoAFireMissedDuringDowntimeIsStillCaughtUp() {
        // GIVEN a registered task whose stored trigger dates from long ago
        String task = "registrar-test-unchanged";
        registrar.register(List.of(TestTask.idle(task, NEVER_DURING_TESTS, MisfirePolicy.FIRE_ONCE_NOW)));
        jdbc.sql("update qrtz_triggers set start_time = 1000 where sched_name = ? and trigger_name = ?").params(SCHEDULER, task).update();

        // WHEN the same definition is registered again, as at every startup
        registrar.register(List.of(TestTask.idle(task, NEVER_DURING_TESTS, MisfirePolicy.FIRE_ONCE_NOW)));

        // THEN the stored trigger was left as it was
        assertThat(storedStartTime(task)).isEqualTo(1000);
    }

    @Test
    void aChangedCronReplacesTheStoredTrigger() throws Exception {
        // GIVEN a registered task whose stored trigger dates from long ago
        String task = "registrar-test-changed";
        registrar.register(List.of(TestTask.idle(task, NEVER_DURING_TESTS, MisfirePolicy.SKIP_MISSED)));
        jdbc.sql("update qrtz_triggers set start_time = 1000 where sched_name = ? and trigger_name = ?").params(SCHEDULER, task).update();

        // WHEN the task comes back with another cron
        registrar.register(List.of(TestTask.idle(task, "0 30 4 1 1 ? 2099", MisfirePolicy.SKIP_MISSED)));

        // THEN the trigger was replaced with the new cron
        assertThat(storedTrigger(task).getCronExpression()).isEqualTo("0 30 4 1 1 ? 2099");
        assertThat(storedStartTime(task)).isGreaterThan(1000);
    }

    private CronTrigger storedTrigger(String task) throws Exception {
        return (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey(task, RecurringTaskRegistrar.GROUP));
    }

    private long storedStartTime(String task) {
        return jdbc.sql("select start_time from qrtz_triggers where sched_name = ? and trigger_name = ?")
                .params(SCHEDULER, task).query(Long.class).single();
    }

    private static JobKey jobKey(String task) {
        return JobKey.jobKey(task, RecurringTaskRegistrar.GROUP);
    }
}
