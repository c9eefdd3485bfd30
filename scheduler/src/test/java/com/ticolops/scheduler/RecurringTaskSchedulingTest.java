package com.ticolops.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerMetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.QuartzDataSourceScriptDatabaseInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;

/** The module as an application gets it: no scheduler properties but one tuning knob, one task bean. */
@SpringBootTest(classes = RecurringTaskSchedulingTest.Application.class,
        properties = "spring.quartz.properties.org.quartz.threadPool.threadCount=2")
class RecurringTaskSchedulingTest {

    static final String TASK = "scheduling-test-every-second";
    static final CountDownLatch ran = new CountDownLatch(2);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        RecurringTask everySecond() {
            return new TestTask(TASK, "* * * * * ?", ZoneId.of("Europe/Paris"), MisfirePolicy.SKIP_MISSED, ran::countDown);
        }
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void aTaskBeanWithAnEverySecondCronRunsOnItsSchedule() throws Exception {
        // GIVEN the every-second task bean, registered at startup
        // WHEN the scheduler has been running for a few seconds
        // THEN the task has run on schedule, more than once
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("the task ran twice within 10 seconds").isTrue();
    }

    @Test
    void theTaskTriggerIsStoredWithItsCronAndTimeZone() {
        // GIVEN the every-second task bean, registered at startup
        // WHEN reading Quartz's tables
        Map<String, Object> trigger = jdbc.sql("""
                        select t.job_group, t.trigger_type, c.cron_expression, c.time_zone_id
                        from qrtz_triggers t join qrtz_cron_triggers c using (sched_name, trigger_name, trigger_group)
                        where t.sched_name = ? and t.trigger_name = ? and t.trigger_group = 'recurring'""")
                .params(QuartzSchedulerAutoConfiguration.DEFAULT_SCHEDULER_NAME, TASK)
                .query().singleRow();

        // THEN its job and cron trigger are in group "recurring", with the task's cron and zone
        assertThat(trigger).containsEntry("job_group", "recurring").containsEntry("trigger_type", "CRON")
                .containsEntry("cron_expression", "* * * * * ?").containsEntry("time_zone_id", "Europe/Paris");
        assertThat(jdbc.sql("select is_durable from qrtz_job_details where sched_name = ? and job_name = ? and job_group = 'recurring'")
                .params(QuartzSchedulerAutoConfiguration.DEFAULT_SCHEDULER_NAME, TASK).query(Boolean.class).single()).isTrue();
    }

    @Test
    void theSchedulerIsClusteredOnAJdbcStoreInTheApplicationDatabase() throws Exception {
        // GIVEN no spring.quartz.* job store settings
        // WHEN asking the running scheduler what it is
        SchedulerMetaData metaData = scheduler.getMetaData();

        // THEN it is the "ticolops" cluster, on Spring's JDBC store over the application DataSource
        assertThat(metaData.getSchedulerName()).isEqualTo("ticolops");
        assertThat(metaData.isJobStoreClustered()).isTrue();
        assertThat(metaData.isJobStoreSupportsPersistence()).isTrue();
        assertThat(metaData.getJobStoreClass()).isEqualTo(LocalDataSourceJobStore.class);
        // AND this instance checked in to the cluster under its generated instance id
        assertThat(scheduler.getSchedulerInstanceId()).isNotEqualTo("NON_CLUSTERED");
        assertThat(jdbc.sql("select instance_name from qrtz_scheduler_state where sched_name = ?")
                .param(QuartzSchedulerAutoConfiguration.DEFAULT_SCHEDULER_NAME).query(String.class).list())
                .contains(scheduler.getSchedulerInstanceId());
    }

    @Test
    void quartzPropertiesFromTheEnvironmentStillTuneTheScheduler() throws Exception {
        // GIVEN spring.quartz.properties.org.quartz.threadPool.threadCount=2
        // WHEN asking the scheduler for its thread pool
        // THEN the property applies, on top of the clustered defaults
        assertThat(scheduler.getMetaData().getThreadPoolSize()).isEqualTo(2);
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
    }

    @Test
    void bootDoesNotInitializeQuartzSchemaBecauseFlywayOwnsIt() {
        // GIVEN the application context
        // WHEN looking for Boot's Quartz schema initializer
        // THEN there is none
        assertThat(context.getBeanNamesForType(QuartzDataSourceScriptDatabaseInitializer.class)).isEmpty();
    }
}
