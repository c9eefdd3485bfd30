package com.ticolops.bot.housekeeping;

import java.util.concurrent.Semaphore;
import org.springframework.core.task.TaskDecorator;
import org.springframework.stereotype.Component;

/**
 * Bounds the work waiting for the listeners' threads (Spring Boot's task executor, whose queue has no limit). Under a
 * load the listeners cannot keep up with, the queue grew until the JVM ran out of heap (issue 11's presence benchmark:
 * 99,415 publications queued). Spring Boot applies this decorator to that executor: a thread handing it work (the
 * webhook writer, a request, a scheduled task) waits while {@link #MAX_PENDING} tasks are queued or running, which
 * slows its own callers down instead. A listener's own follow-up work never waits, or every listener thread could end
 * up waiting for the others. Nothing is lost while waiting: the publications are already in the registry.
 * <p>
 * A thread that waits here has committed and still holds its pooled connection, so requests that would wait are better
 * turned away before they take one: {@link #busy()} says when ({@link BusyApi} answers the REST API's writes with 503).
 */
@Component
class ListenerBackPressure implements TaskDecorator {

    /** Enough for bursts of thousands of deliveries a second, each a few listeners; a few tens of megabytes of events. */
    static final int MAX_PENDING = 10_000;
    private static final ThreadLocal<Boolean> IN_A_LISTENER = ThreadLocal.withInitial(() -> false);

    private final int maxPending;
    private final Semaphore pending;

    ListenerBackPressure() {
        this(MAX_PENDING);
    }

    ListenerBackPressure(int maxPending) {
        this.maxPending = maxPending;
        this.pending = new Semaphore(maxPending);
    }

    /** Whether most of the room is taken: new work from outside had better wait at the door than after its commit. */
    boolean busy() {
        return pending.availablePermits() <= maxPending / 5;
    }

    @Override
    public Runnable decorate(Runnable task) {
        boolean counted = !IN_A_LISTENER.get();
        if (counted) {
            pending.acquireUninterruptibly();
        }
        return () -> {
            IN_A_LISTENER.set(true);
            try {
                task.run();
            } finally {
                IN_A_LISTENER.set(false);
                if (counted) {
                    pending.release();
                }
            }
        };
    }
}
