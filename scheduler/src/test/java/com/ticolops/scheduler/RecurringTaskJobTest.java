package com.ticolops.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.ZoneId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class RecurringTaskJobTest {

    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @Test
    void aJobRunsTheTaskItIsNamedAfter() {
        // GIVEN two tasks
        List<String> ran = new ArrayList<>();
        RecurringTaskJob job = jobOver(task("job-test-digest", () -> ran.add("digest")), task("job-test-cleanup", () -> ran.add("cleanup")));

        // WHEN the job named after one of them fires
        job.execute(firing("job-test-cleanup"));

        // THEN that task ran, and only that one
        assertThat(ran).containsExactly("cleanup");
        assertThat(REGISTRY.get("ticolops.jobs").tags("task", "job-test-cleanup", "outcome", "completed").timer().count()).isEqualTo(1);
    }

    @Test
    void aJobWhoseTaskIsGoneLogsAndDoesNothing(CapturedOutput output) {
        // GIVEN no task named like the job
        List<String> ran = new ArrayList<>();
        RecurringTaskJob job = jobOver(task("job-test-digest", () -> ran.add("digest")));

        // WHEN the job fires
        job.execute(firing("job-test-removed"));

        // THEN nothing ran, and the log says which job had no task
        assertThat(ran).isEmpty();
        assertThat(output).contains("'job-test-removed'");
    }

    @Test
    void aFailingTaskIsLoggedWithItsName(CapturedOutput output) {
        // GIVEN a task that throws
        RecurringTaskJob job = jobOver(task("job-test-failing", () -> {
            throw new IllegalStateException("slack is down");
        }));

        // WHEN its job fires
        job.execute(firing("job-test-failing"));

        // THEN the failure is logged with the task's name and its cause
        assertThat(output).contains("Recurring task 'job-test-failing' failed").contains("slack is down");
        // AND counted as a failed run of that task
        assertThat(REGISTRY.get("ticolops.jobs").tags("task", "job-test-failing", "outcome", "failed").timer().count()).isEqualTo(1);
    }

    private static RecurringTaskJob jobOver(RecurringTask... tasks) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (RecurringTask task : tasks) {
            beans.addBean(task.name(), task);
        }
        beans.addBean("meterRegistry", REGISTRY);
        return new RecurringTaskJob(beans.getBeanProvider(RecurringTask.class), beans.getBeanProvider(MeterRegistry.class));
    }

    private static RecurringTask task(String name, Runnable work) {
        return new TestTask(name, TestTask.NEVER_DURING_TESTS, ZoneId.of("UTC"), MisfirePolicy.SKIP_MISSED, work);
    }

    private static JobExecutionContext firing(String task) {
        JobExecutionContext context = mock(JobExecutionContext.class);
        given(context.getJobDetail()).willReturn(JobBuilder.newJob(RecurringTaskJob.class).withIdentity(task, RecurringTaskRegistrar.GROUP).build());
        return context;
    }
}
