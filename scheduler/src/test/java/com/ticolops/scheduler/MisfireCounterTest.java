package com.ticolops.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Trigger;

class MisfireCounterTest {

    @Test
    void aMissedFireIsCountedUnderItsTask() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Trigger trigger = mock(Trigger.class);
        when(trigger.getJobKey()).thenReturn(JobKey.jobKey("conflict-sweep"));

        new QuartzSchedulerAutoConfiguration.MisfireCounter(registry).triggerMisfired(trigger);
        new QuartzSchedulerAutoConfiguration.MisfireCounter(registry).triggerMisfired(trigger);

        assertThat(registry.get("ticolops.jobs.misfires").tag("task", "conflict-sweep").counter().count()).isEqualTo(2);
    }
}
