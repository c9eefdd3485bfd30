package com.ticolops.bot.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;

import com.ticolops.bot.activity.Activity;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** Detection after the commit, one detector at a time, each replica taking its own activities and then the orphans. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DetectionQueueTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry registry;

    /** The real detection, except for one location whose detection always fails. */
    @MockitoSpyBean
    ConflictDetection detection;

    private static final String POISONED = "lib/poisoned.py";
    private static final String OF_PROJECT = "select a.id from activities a join projects p on p.id = a.project_id where p.name = ?";

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String bob = Names.unique("bob");
    String channel = Names.unique("general");
    String project = Names.unique("queue");
    String carol = Names.unique("carol");

    @BeforeEach
    void detectionFailsForAPoisonedLocation() {
        doAnswer(call -> {
            List<Activity> batch = call.getArgument(1);
            if (batch.stream().anyMatch(activity -> activity.location().equals(POISONED))) {
                throw new IllegalStateException("cannot detect " + POISONED);
            }
            return call.callRealMethod();
        }).when(detection).detect(anyLong(), anyList());
    }

    @BeforeEach
    void aProjectOfTwo() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + project);
        ticolops.command(alice, channel, "member add @" + bob);
        ticolops.command(alice, channel, "member add @" + carol);
    }

    @Test
    void whileAnotherDetectorRunsTheActivitiesWaitQueuedAndAreDetectedOnceItCommits() throws Exception {
        Timer detections = registry.get("ticolops.conflicts.detection").timer();
        long detectedBefore = detections.count();
        try (Connection otherDetector = detectorLockHeld()) {
            // WHEN two people take up one file while another replica's detector holds the lock
            ticolops.command(alice, channel, "working src/queue/a.py");
            ticolops.command(bob, channel, "working src/queue/a.py");
            Thread.sleep(1_500);

            // THEN nothing is detected yet, and nothing is lost: both wait in the queue
            assertThat(conflictPeople()).isEmpty();
            assertThat(queued()).isEqualTo(2);
            otherDetector.commit();
        }

        // AND once it lets go, the conflict is found, with both, and the queue is empty
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(conflictPeople()).containsExactly(2));
        assertThat(queued()).isZero();
        // AND the detection latency counts the wait: over a second and a half
        assertThat(detections.count() - detectedBefore).isGreaterThanOrEqualTo(2);
        assertThat(detections.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(1_500);
    }

    @Test
    void activitiesAnotherReplicaQueuedAreLeftToItUntilTheyWaitedFiveSecondsThenTakenOver() throws Exception {
        try (Connection otherDetector = detectorLockHeld()) {
            ticolops.command(alice, channel, "working src/queue/b.py");
            ticolops.command(bob, channel, "working src/queue/b.py");
            // GIVEN both queued by a replica that then stopped
            jdbc.sql("update conflict_detection_queue set replica = ? where activity_id in (" + OF_PROJECT + ")")
                    .params(UUID.randomUUID(), project).update();
            otherDetector.commit();
        }

        // THEN this replica leaves them to their own for a while
        Thread.sleep(2_500);
        assertThat(conflictPeople()).isEmpty();
        assertThat(queued()).isEqualTo(2);
        // AND takes them over once they waited five seconds
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(conflictPeople()).containsExactly(2));
        assertThat(queued()).isZero();
    }

    @Test
    void anActivityWhoseDetectionFailsWaitsForItsRetryWithoutHoldingUpTheOthersOfItsBatch() throws Exception {
        try (Connection otherDetector = detectorLockHeld()) {
            // GIVEN three activities queued together, one of which cannot be detected
            ticolops.command(alice, channel, "working src/queue/c.py");
            ticolops.command(bob, channel, "working src/queue/c.py");
            ticolops.command(carol, channel, "working " + POISONED);
            otherDetector.commit();
        }

        // THEN the others' conflict is found, and the failed one stays queued, postponed, not lost
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(conflictPeople()).containsExactly(2));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.sql("""
                        select q.attempts >= 1 and q.retry_at > clock_timestamp() from conflict_detection_queue q join activities a on a.id = q.activity_id
                         where a.location = ? and a.id in (""" + OF_PROJECT + ")")
                .params(POISONED, project).query(Boolean.class).list()).as("postponed").containsExactly(true));
        assertThat(queued()).isEqualTo(1);
    }

    /** A connection in a transaction that holds the detector's lock, as another replica's detector in a batch would. */
    private Connection detectorLockHeld() throws Exception {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            statement.execute("select pg_advisory_xact_lock(hashtextextended('ticolops conflict detection', 0))");
        }
        return connection;
    }

    private List<Integer> conflictPeople() {
        return jdbc.sql("select (select count(distinct m.person)::int from conflict_members m where m.conflict_id = c.id) from conflicts c join projects p on p.id = c.project_id where p.name = ?")
                .param(project).query(Integer.class).list();
    }

    private int queued() {
        return jdbc.sql("select count(*) from conflict_detection_queue where activity_id in (" + OF_PROJECT + ")")
                .param(project).query(Integer.class).single();
    }
}
