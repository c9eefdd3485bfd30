package com.ticolops.integrations.discord;

import com.ticolops.integrations.net.OutboundMetrics;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * JDA's rate-limit scheduler, as its rate limiter alone sees it: a bucket of requests that Discord's headers or a 429
 * said to hold back (a route's limit used up, the global or Cloudflare limit) is run again after a delay, and that
 * delay is counted as a wait in {@code ticolops_outbound_rate_limit_waits_seconds} when it is scheduled. JDA's rate
 * limiter offers no other view of its waits; every other task (JDA's cleanup every 30 s, a bucket that may run at once)
 * is passed on as is.
 */
final class DiscordRateLimitWaits extends AbstractExecutorService implements ScheduledExecutorService {

    private final ScheduledExecutorService scheduler;
    private final OutboundMetrics metrics;

    DiscordRateLimitWaits(ScheduledExecutorService scheduler, OutboundMetrics metrics) {
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay > 0) {
            metrics.waited(OutboundMetrics.Target.DISCORD, unit.toNanos(delay));
        }
        return scheduler.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return scheduler.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduler.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduler.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        scheduler.execute(command);
    }

    @Override
    public void shutdown() {
        scheduler.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return scheduler.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return scheduler.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return scheduler.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return scheduler.awaitTermination(timeout, unit);
    }
}
