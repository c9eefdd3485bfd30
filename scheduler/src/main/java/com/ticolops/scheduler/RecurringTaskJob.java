package com.ticolops.scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Runs the {@link RecurringTask} its job is named after. Boot's SpringBeanJobFactory creates each instance with
 * {@code AutowireCapableBeanFactory.createBean}, hence the constructor injection.
 */
// Across the cluster, too: a run that outlasts its interval delays the next fire instead of overlapping it.
@DisallowConcurrentExecution
class RecurringTaskJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(RecurringTaskJob.class);

    private final ObjectProvider<RecurringTask> tasks;
    private final MeterRegistry registry;

    RecurringTaskJob(ObjectProvider<RecurringTask> tasks, ObjectProvider<MeterRegistry> registry) {
        this.tasks = tasks;
        // An application without actuator has no registry: the runs are then counted nowhere.
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    @Override
    public void execute(JobExecutionContext context) {
        String name = context.getJobDetail().getKey().getName();
        Optional<RecurringTask> task = tasks.stream().filter(candidate -> candidate.name().equals(name)).findFirst();
        if (task.isEmpty()) {
            // E.g. an instance still running an older version during a rolling deploy; registration removes the job.
            log.warn("Recurring job '{}' fired, but this application has no task of that name: nothing to run", name);
            return;
        }
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            task.get().run();
            outcome = "completed";
        } catch (RuntimeException e) {
            // Caught here so the log names the task; the trigger keeps its schedule either way.
            log.error("Recurring task '{}' failed", name, e);
        } finally {
            // ticolops_jobs_seconds{task, outcome}: each run of a recurring task, on whichever instance it fired
            sample.stop(Timer.builder("ticolops.jobs").description("Runs of recurring tasks").tags("task", name, "outcome", outcome).register(registry));
        }
    }
}
