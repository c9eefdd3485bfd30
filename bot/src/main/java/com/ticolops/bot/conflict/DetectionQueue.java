package com.ticolops.bot.conflict;

import com.ticolops.bot.activity.Activities;
import com.ticolops.bot.activity.Activity;
import com.ticolops.bot.activity.ActivityRecorded;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Conflict detection in batches, right after the activities commit. An activity's transaction only adds it to the
 * queue (one row); a detector thread takes what is queued, in batches, and finds the batch's conflicts in one
 * transaction. Batching is what lets a crowded directory take hundreds of activities a second: ten newcomers to one
 * conflict in a batch are one update of it, not ten, and a batch commits once.
 * <p>
 * One detector at a time in the whole installation (a PostgreSQL advisory lock held for the batch's transaction): two
 * detectors at once would not see each other's uncommitted conflicts, and would open the same one twice. Each replica
 * takes the activities it recorded; whatever waited longer than {@link #ORPHANED} (its replica stopped or crashed) is
 * taken by any. The queue is a table, so nothing waiting is lost on a restart.
 */
@Component
class DetectionQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DetectionQueue.class);
    private static final int BATCH = 500;
    static final Duration ORPHANED = Duration.ofSeconds(5);
    /** How often a detector with nothing to do of its own looks for orphans. */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Activities activities;
    private final ConflictDetection detection;
    private final Timer latency;
    private final UUID replica = UUID.randomUUID();
    private final Semaphore work = new Semaphore(0);
    private volatile boolean running;
    private Thread detector;

    DetectionQueue(JdbcClient jdbc, TransactionTemplate transaction, Activities activities, ConflictDetection detection, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.activities = activities;
        this.detection = detection;
        this.latency = Timer.builder("ticolops.conflicts.detection")
                .description("From an activity's commit to the commit of the detection that read it (its conflicts stored, their notices queued)")
                .serviceLevelObjectives(buckets()).register(registry);
    }

    /** In the activity's transaction: queued with it or not at all. The detector is woken once it commits. */
    @EventListener
    void on(ActivityRecorded recorded) {
        jdbc.sql("""
                        insert into conflict_detection_queue (activity_id, replica)
                        select id, ? from unnest(cast(? as bigint[])) as ids(id)""")
                .params(replica, recorded.activities().stream().map(a -> String.valueOf(a.id())).collect(Collectors.joining(",", "{", "}")))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.release();
                }
            });
        } else {
            work.release();
        }
    }

    private record Queued(long activityId, double waitedSeconds) {
    }

    /**
     * Takes one batch and detects its conflicts. @return how many activities it took; none when nothing was waiting
     */
    int detectBatch() {
        long started = System.nanoTime();
        List<Queued> taken = transaction.execute(status -> {
            boolean waiting = jdbc.sql("select exists (select 1 from conflict_detection_queue where replica = ? or enqueued_at < clock_timestamp() - cast(? as interval))")
                    .params(replica, ORPHANED.toSeconds() + " seconds").query(Boolean.class).single();
            if (!waiting) {
                return List.<Queued>of();
            }
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended('ticolops conflict detection', 0))").query((row, n) -> 1).single();
            List<Queued> batch = jdbc.sql("""
                            delete from conflict_detection_queue where id in (
                                select id from conflict_detection_queue
                                 where replica = ? or enqueued_at < clock_timestamp() - cast(? as interval) order by id limit ?)
                            returning activity_id, extract(epoch from clock_timestamp() - enqueued_at) as waited""")
                    .params(replica, ORPHANED.toSeconds() + " seconds", BATCH)
                    .query((row, n) -> new Queued(row.getLong("activity_id"), row.getDouble("waited"))).list();
            if (batch.isEmpty()) {
                return batch;
            }
            // Work that ended while it waited makes no conflict; what was refreshed is read as it is now.
            Map<Long, List<Activity>> byProject = activities.live(batch.stream().map(Queued::activityId).distinct().toList(), Optional.empty()).stream()
                    .sorted(java.util.Comparator.comparing(Activity::id))
                    .collect(Collectors.groupingBy(Activity::projectId, java.util.TreeMap::new, Collectors.toList()));
            byProject.forEach(detection::detect);
            return batch;
        });
        // The wait in the queue (PostgreSQL's clock, at the take) plus this whole transaction (this JVM's clock), so clocks
        // apart do not matter; the part of the transaction before the take is counted twice, which errs on the slow side.
        long detecting = System.nanoTime() - started;
        taken.forEach(queued -> latency.record((long) (queued.waitedSeconds() * 1e9) + detecting, TimeUnit.NANOSECONDS));
        return taken.size();
    }

    private void detectWhileRunning() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                if (!backoff.isZero() || !work.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    Thread.sleep(backoff.toMillis());
                }
                work.drainPermits();
                while (running && detectBatch() > 0) {
                    work.drainPermits();
                }
                backoff = Duration.ZERO;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The batch rolled back and stays queued: try it again, less often while it keeps failing.
                backoff = backoff.isZero() ? Duration.ofSeconds(1) : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                log.warn("Conflict detection failed; the activities stay queued and are tried again in {}", backoff, e);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        detector = new Thread(this::detectWhileRunning, "conflict-detection");
        detector.setDaemon(true);
        detector.start();
    }

    /** Finishes the batch under way; what is still queued is taken by another replica, or by this one after a restart. */
    @Override
    public void stop() {
        running = false;
        work.release();
        try {
            detector.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Duration[] buckets() {
        return java.util.stream.LongStream.of(1, 2, 5, 10, 15, 20, 30, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000)
                .mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }
}
