package com.ticolops.bot.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.scheduler.RecurringTask;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CompletedEventPublicationPurgeTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<RecurringTask> tasks;

    @Test
    void thePurgeIsScheduledNightlyInQuartz() {
        String cron = jdbc.sql("select cron_expression || ' ' || time_zone_id from qrtz_cron_triggers where trigger_name = ?")
                .param("purge-completed-event-publications").query(String.class).single();

        assertThat(cron).isEqualTo("0 17 3 * * ? UTC");
    }

    @Test
    void completedPublicationsOlderThanAWeekAreDeletedAndEverythingElseIsKept() {
        // GIVEN an old delivered event, a recent delivered event and an old event never delivered
        String listener = Names.unique("purge-test-listener");
        insert(listener, "delivered-8-days-ago", "now() - interval '8 days'", "now() - interval '8 days'");
        insert(listener, "delivered-yesterday", "now() - interval '2 days'", "now() - interval '1 day'");
        insert(listener, "undelivered-for-30-days", "now() - interval '30 days'", "null");

        // WHEN the nightly task runs
        tasks.stream().filter(task -> task.name().equals("purge-completed-event-publications")).findFirst().orElseThrow().run();

        // THEN only the old delivered one is gone: nothing undelivered is ever purged
        assertThat(jdbc.sql("select serialized_event from event_publication where listener_id = ? order by serialized_event").param(listener)
                .query(String.class).list()).containsExactly("\"delivered-yesterday\"", "\"undelivered-for-30-days\"");
    }

    private void insert(String listener, String event, String publishedAt, String completedAt) {
        jdbc.sql("insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, completion_date, status) "
                        + "values (?, ?, 'java.lang.String', ?, " + publishedAt + ", " + completedAt + ", "
                        + ("null".equals(completedAt) ? "'PUBLISHED'" : "'COMPLETED'") + ")")
                .params(UUID.randomUUID(), listener, "\"" + event + "\"")
                .update();
    }
}
