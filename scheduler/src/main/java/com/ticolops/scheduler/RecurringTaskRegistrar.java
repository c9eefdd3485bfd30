package com.ticolops.scheduler;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the jobs of group {@value #GROUP} in Quartz's store in line with the {@link RecurringTask} beans. Runs once
 * the scheduler exists and before it starts firing, so this instance never fires a definition it is about to change.
 */
class RecurringTaskRegistrar implements SmartInitializingSingleton {

    static final String GROUP = "recurring";

    private static final Logger log = LoggerFactory.getLogger(RecurringTaskRegistrar.class);

    private final Scheduler scheduler;
    private final ObjectProvider<RecurringTask> tasks;
    private final TransactionTemplate transaction;

    RecurringTaskRegistrar(Scheduler scheduler, ObjectProvider<RecurringTask> tasks, TransactionTemplate transaction) {
        this.scheduler = scheduler;
        this.tasks = tasks;
        this.transaction = transaction;
    }

    @Override
    public void afterSingletonsInstantiated() {
        register(tasks.orderedStream().toList());
    }

    void register(List<RecurringTask> current) {
        // Every task is checked before anything is stored, so one bad task leaves the stored schedule untouched.
        Map<String, CronTrigger> triggers = new LinkedHashMap<>();
        for (RecurringTask task : current) {
            if (triggers.put(task.name(), triggerFor(task)) != null) {
                throw new IllegalStateException("Two recurring tasks are named '" + task.name() + "': task names must be unique");
            }
        }
        // Quartz's JobStoreCMT takes its cluster locks in the caller's transaction: without one they would not hold.
        transaction.executeWithoutResult(status -> store(triggers));
    }

    private static CronTrigger triggerFor(RecurringTask task) {
        try {
            CronExpression.validateExpression(task.cron());
        } catch (ParseException | IllegalArgumentException e) { // the latter for a null cron
            throw new IllegalStateException("Recurring task '" + task.name() + "' has an invalid Quartz cron expression '"
                    + task.cron() + "': " + e.getMessage(), e);
        }
        CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(task.cron()).inTimeZone(TimeZone.getTimeZone(task.zone()));
        schedule = switch (task.misfirePolicy()) {
            case FIRE_ONCE_NOW -> schedule.withMisfireHandlingInstructionFireAndProceed();
            case SKIP_MISSED -> schedule.withMisfireHandlingInstructionDoNothing();
        };
        return TriggerBuilder.newTrigger().withIdentity(task.name(), GROUP).forJob(task.name(), GROUP).withSchedule(schedule).build();
    }

    private void store(Map<String, CronTrigger> triggers) {
        for (CronTrigger trigger : triggers.values()) {
            String name = trigger.getKey().getName();
            try {
                // Replacing an unchanged trigger would restart it from now and lose a fire time missed during downtime.
                if (!sameSchedule(scheduler.getTrigger(trigger.getKey()), trigger)) {
                    scheduler.scheduleJob(jobFor(trigger.getJobKey()), Set.of(trigger), true);
                    log.info("Scheduled recurring task '{}': cron '{}' in {}, misfire instruction {}", name,
                            trigger.getCronExpression(), trigger.getTimeZone().getID(), trigger.getMisfireInstruction());
                }
            } catch (SchedulerException e) {
                throw new IllegalStateException("Could not schedule recurring task '" + name + "'", e);
            }
        }
        try {
            for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!triggers.containsKey(job.getName())) {
                    scheduler.deleteJob(job);
                    log.info("Removed recurring job '{}': no task has that name any more", job.getName());
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not remove the jobs of recurring tasks that no longer exist", e);
        }
    }

    private static boolean sameSchedule(Trigger stored, CronTrigger wanted) {
        return stored instanceof CronTrigger cron
                && cron.getCronExpression().equals(wanted.getCronExpression())
                && cron.getTimeZone().getID().equals(wanted.getTimeZone().getID())
                && cron.getMisfireInstruction() == wanted.getMisfireInstruction();
    }

    private static JobDetail jobFor(JobKey key) {
        // Durable: unscheduling its trigger by hand does not delete it; only registration removes recurring jobs.
        return JobBuilder.newJob(RecurringTaskJob.class).withIdentity(key).storeDurably().build();
    }
}
