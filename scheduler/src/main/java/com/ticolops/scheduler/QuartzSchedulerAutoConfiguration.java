package com.ticolops.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.listeners.TriggerListenerSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Quartz as every Ticolops instance runs it: a clustered JDBC job store on the application's DataSource, so a
 * recurring task fires on one instance only and its schedule survives restarts. Flyway owns Quartz's tables.
 * <p>
 * Done in code rather than with Boot's {@code spring.quartz.job-store-type=jdbc}: that property also turns on Boot's
 * Quartz schema initializer, which Flyway makes unnecessary. {@code spring.quartz.scheduler-name} and
 * {@code spring.quartz.properties.*} still override the defaults here.
 */
@AutoConfiguration
// Makes the scheduler wait for Flyway, as Boot's JDBC job store configuration would.
@Import(DatabaseInitializationDependencyConfigurer.class)
class QuartzSchedulerAutoConfiguration {

    static final String DEFAULT_SCHEDULER_NAME = "ticolops";

    @Bean
    SchedulerFactoryBeanCustomizer clusteredJdbcJobStore(DataSource dataSource, PlatformTransactionManager transactionManager,
                                                         QuartzProperties quartzProperties, ObjectProvider<MeterRegistry> registry) {
        return factory -> {
            // With a DataSource, Spring's SchedulerFactoryBean uses its LocalDataSourceJobStore (a JobStoreCMT).
            factory.setDataSource(dataSource);
            factory.setTransactionManager(transactionManager);
            // Instances cluster by scheduler name: all of them must use the same one.
            if (quartzProperties.getSchedulerName() == null) {
                factory.setSchedulerName(DEFAULT_SCHEDULER_NAME);
            }
            Properties properties = new Properties();
            properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
            properties.setProperty("org.quartz.jobStore.isClustered", "true");
            properties.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
            // Quartz's 7.5 s let a replica whose check-in a busy CPU delayed be "recovered" by another while it still ran
            // (seen with both cores busy), so the same fire could run on both; 15 s still hands a dead replica's work over
            // within half a minute.
            properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "15000");
            properties.putAll(quartzProperties.getProperties());
            factory.setQuartzProperties(properties);
            factory.setGlobalTriggerListeners(new MisfireCounter(registry.getIfAvailable(SimpleMeterRegistry::new)));
        };
    }

    /** {@code ticolops_jobs_misfires_total{task}}: fires a busy or stopped cluster missed, each handled by its task's misfire policy. */
    static final class MisfireCounter extends TriggerListenerSupport {

        private final MeterRegistry registry;

        MisfireCounter(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public String getName() {
            return "ticolops-misfires";
        }

        @Override
        public void triggerMisfired(Trigger trigger) {
            Counter.builder("ticolops.jobs.misfires").description("Fires of recurring tasks that were missed")
                    .tag("task", trigger.getJobKey().getName()).register(registry).increment();
        }
    }

    @Bean
    RecurringTaskRegistrar recurringTaskRegistrar(Scheduler scheduler, ObjectProvider<RecurringTask> tasks,
                                                  PlatformTransactionManager transactionManager) {
        return new RecurringTaskRegistrar(scheduler, tasks, new TransactionTemplate(transactionManager));
    }
}
