package com.ticolops.bot.conflict;

import com.ticolops.bot.activity.Activities;
import com.ticolops.bot.activity.Activity;
import com.ticolops.bot.activity.ActivityRecorded;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * transaction. Batching is what lets a crowded directory take hundreds of activities a second: ten newcomers to open
 * conflicts in a batch are one insert, not ten read-and-updates, and a batch commits once.
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
    private static final Duration ORPHANED = Duration.ofSeconds(5);
    /** How often a detector with nothing to do of its own looks for orphans. */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** What this replica may take now: its own, or what waited long enough; in either case not waiting for a retry. */
    private static final String READY = "(replica = ? or enqueued_at < clock_timestamp() - cast(? as interval)) and (retry_at is null or retry_at <= clock_timestamp())";

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

    private record Queued(long id, long activityId, double waitedSeconds) {
    }

    /**
     * Takes one batch and detects its conflicts. When the batch fails, each of its activities is tried alone, and one
     * that fails alone waits, longer at each failure, so that it holds up nobody else's. @return how many it took
     */
    int detectBatch() {
        List<Long> taken = new ArrayList<>();
        try {
            return detect(taken, null);
        } catch (RuntimeException e) {
            if (taken.size() < 2) {
                postpone(taken, e);
                throw e;
            }
            log.warn("Conflict detection failed for a batch of {} activities; detecting each alone", taken.size(), e);
            for (long id : taken) {
                try {
                    detect(new ArrayList<>(), id);
                } catch (RuntimeException alone) {
                    postpone(List.of(id), alone);
                }
            }
            return taken.size();
        }
    }

    /**
     * Detects a batch (or the one queued row {@code only}) in one transaction; {@code taken} receives the rows it took
     * before anything failed.
     */
    private int detect(List<Long> taken, Long only) {
        long started = System.nanoTime();
        List<Queued> batch = transaction.execute(status -> {
            boolean waiting = jdbc.sql("select exists (select 1 from conflict_detection_queue where " + READY + ")")
                    .params(replica, ORPHANED.toSeconds() + " seconds").query(Boolean.class).single();
            if (!waiting && only == null) {
                return List.<Queued>of();
            }
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended('ticolops conflict detection', 0))").query((row, n) -> 1).single();
            List<Queued> queued = jdbc.sql("delete from conflict_detection_queue where id in (select id from conflict_detection_queue where "
                            + (only == null ? READY : "id = ?") + " order by id limit ?) "
                            + "returning id, activity_id, extract(epoch from clock_timestamp() - enqueued_at) as waited")
                    .params(only == null ? new Object[] {replica, ORPHANED.toSeconds() + " seconds", BATCH} : new Object[] {only, 1})
                    .query((row, n) -> new Queued(row.getLong("id"), row.getLong("activity_id"), row.getDouble("waited"))).list();
            queued.forEach(row -> taken.add(row.id()));
            if (queued.isEmpty()) {
                return queued;
            }
            // Work that ended while it waited makes no conflict; what was refreshed is read as it is now.
            Map<Long, List<Activity>> byProject = activities.live(queued.stream().map(Queued::activityId).distinct().toList(), Optional.empty()).stream()
                    .sorted(Comparator.comparing(Activity::id))
                    .collect(Collectors.groupingBy(Activity::projectId, TreeMap::new, Collectors.toList()));
            byProject.forEach(detection::detect);
            return queued;
        });
        // The wait in the queue (PostgreSQL's clock, at the take) plus this whole transaction (this JVM's clock), so clocks
        // apart do not matter; the part of the transaction before the take is counted twice, which errs on the slow side.
        long detecting = System.nanoTime() - started;
        batch.forEach(queued -> latency.record((long) (queued.waitedSeconds() * 1e9) + detecting, TimeUnit.NANOSECONDS));
        return batch.size();
    }

    /** Leaves these rows queued, to be tried again after a wait that doubles at each failure (up to an hour). */
    private void postpone(List<Long> ids, RuntimeException failure) {
        if (ids.isEmpty()) {
            return;
        }
        List<Long> activityIds = jdbc.sql("""
                        update conflict_detection_queue set attempts = attempts + 1,
                               retry_at = clock_timestamp() + least(interval '1 second' * power(2, attempts), interval '1 hour')
                         where id = any(cast(? as bigint[])) returning activity_id""")
                .param(ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"))).query(Long.class).list();
        log.error("Conflict detection failed for activity {}; it stays queued and is tried again later, the others go on",
                activityIds.stream().map(String::valueOf).collect(Collectors.joining(", ")), failure);
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
                // The database did not answer: what was taken stays queued; try again, less often while it keeps failing.
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
