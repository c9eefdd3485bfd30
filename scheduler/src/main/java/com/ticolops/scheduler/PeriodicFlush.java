package com.ticolops.scheduler;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * What is gathered in memory and written to the database in one statement every few hundred milliseconds, on a thread
 * of its own, and a last time when the application stops, before the database pool closes. Not a Quartz task: it runs
 * on every replica, far more often than Quartz is meant for, and each replica writes only what it gathered.
 */
public abstract class PeriodicFlush implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicFlush.class);

    private final String name;
    private final long periodMillis;
    private ScheduledExecutorService flusher;

    /** @param name what is written, for the thread's name and the log, e.g. {@code heartbeats} */
    protected PeriodicFlush(String name, long periodMillis) {
        this.name = name;
        this.periodMillis = periodMillis;
    }

    /** Writes what arrived since the last flush; throws, keeping it for the next one, when it could not. */
    protected abstract void flush();

    private void flushLogging() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("The {} were not written this time; they are tried again in {} ms", name, periodMillis, e);
        }
    }

    @Override
    public void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushLogging, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushLogging();
        flusher = null;
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }
}
