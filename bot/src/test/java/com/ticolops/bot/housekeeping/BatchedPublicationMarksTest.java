package com.ticolops.bot.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ticolops.bot.testsupport.Names;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The marks of a publication as the registry writes them through this repository. Each test has its own, not started
 * instance, so nothing flushes behind its back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchedPublicationMarksTest {

    @Autowired
    @Qualifier("jdbcEventPublicationRepository")
    EventPublicationRepository registry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionOperations transaction;

    @Autowired
    EventPublicationRepository primary;

    BatchedPublicationMarks marks;
    String listener = Names.unique("marks-test-listener");

    @BeforeEach
    void recordEveryStatusWritten() {
        marks = new BatchedPublicationMarks(registry, jdbc, transaction);
        jdbc.sql("create table if not exists marks_written (listener_id text, status text, at timestamptz default clock_timestamp())").update();
        jdbc.sql("""
                create or replace function mark_written() returns trigger language plpgsql as $$
                begin insert into marks_written (listener_id, status) values (new.listener_id, new.status); return new; end $$""").update();
        jdbc.sql("create or replace trigger mark_written after update on event_publication for each row execute function mark_written()").update();
    }

    @AfterEach
    void dropTriggers() {
        jdbc.sql("drop trigger if exists mark_written on event_publication").update();
        jdbc.sql("drop trigger if exists marks_refused on event_publication").update();
    }

    @Test
    void theRegistryWritesItsMarksThroughTheBatchingRepository() {
        assertThat(primary).isInstanceOf(BatchedPublicationMarks.class);
    }

    @Test
    void aPublicationCompletedWithinOneIntervalIsWrittenCompletedOnlyWithItsOwnCompletionTime() {
        // GIVEN a publication whose listener started and finished before the next flush
        UUID id = published();
        Instant finished = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1);
        marks.markProcessing(id);
        marks.markCompleted(id, finished);

        // WHEN the marks are flushed
        marks.flush();

        // THEN it is completed at the time its listener finished, and was never written as processing
        assertThat(jdbc.sql("select status, completion_date from event_publication where id = ?").param(id)
                .query((row, n) -> row.getString(1) + " " + row.getTimestamp(2).toInstant()).single())
                .isEqualTo("COMPLETED " + finished);
        assertThat(written()).containsExactly("COMPLETED");
    }

    @Test
    void manyMarksAreWrittenInOneTransaction() {
        // GIVEN three completed publications and one still running
        List<UUID> done = List.of(published(), published(), published());
        UUID running = published();
        done.forEach(id -> marks.markCompleted(id, Instant.now()));
        marks.markProcessing(running);

        // WHEN the marks are flushed
        marks.flush();

        // THEN all four were written by one transaction
        assertThat(jdbc.sql("select count(distinct xmin::text) from event_publication where listener_id = ?").param(listener)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select status from event_publication where id = ?").param(running).query(String.class).single())
                .isEqualTo("PROCESSING");
    }

    @Test
    void aFailureIsWrittenAtOnceAndAProcessingMarkStillWaitingDoesNotOverwriteIt() {
        // GIVEN a listener that started, then failed before the next flush
        UUID id = published();
        marks.markProcessing(id);

        // WHEN it fails
        marks.markFailed(id);

        // THEN the failure is in the database before any flush, and a flush leaves it there
        assertThat(status(id)).isEqualTo("FAILED");
        marks.flush();
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(written()).containsExactly("FAILED");
    }

    @Test
    void marksTheDatabaseRefusedAreWrittenByTheNextFlush() {
        // GIVEN the database refuses updates of this listener's publications
        UUID id = published();
        jdbc.sql("""
                create or replace function marks_refused() returns trigger language plpgsql as $$
                begin raise exception 'database unavailable'; end $$""").update();
        jdbc.sql("create trigger marks_refused before update on event_publication for each row when (new.listener_id = '" + listener
                + "') execute function marks_refused()").update();
        marks.markCompleted(id, Instant.now());

        // WHEN a flush fails
        assertThatThrownBy(marks::flush).hasMessageContaining("database unavailable");
        assertThat(status(id)).isEqualTo("PUBLISHED");

        // THEN the mark is kept, and written once the database takes it
        jdbc.sql("drop trigger marks_refused on event_publication").update();
        marks.flush();
        assertThat(status(id)).isEqualTo("COMPLETED");
    }

    private UUID published() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts) "
                        + "values (?, ?, 'java.lang.String', ?, now(), 'PUBLISHED', 1)")
                .params(id, listener, "\"" + id + "\"")
                .update();
        return id;
    }

    private String status(UUID id) {
        return jdbc.sql("select status from event_publication where id = ?").param(id).query(String.class).single();
    }

    private List<String> written() {
        return jdbc.sql("select status from marks_written where listener_id = ? order by at").param(listener).query(String.class).list();
    }
}
