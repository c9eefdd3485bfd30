package com.ticolops.bot.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.scheduler.RecurringTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FailedEventPublicationResubmissionTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    List<RecurringTask> tasks;

    String channel = Names.unique("flaky");

    @AfterEach
    void platformBackUp() {
        jdbc.sql("drop trigger if exists console_down on console_messages").update();
    }

    @Test
    void theResubmissionRunsEveryHalfMinuteInQuartz() {
        assertThat(jdbc.sql("select cron_expression || ' ' || time_zone_id from qrtz_cron_triggers where trigger_name = ?")
                .param("resubmit-failed-event-publications").query(String.class).single()).isEqualTo("0/30 * * * * ? UTC");
    }

    @Test
    void anAnnouncementThatFailedWhileThePlatformWasDownIsDeliveredOnceItIsBack() {
        // GIVEN the console platform refuses every message to this channel
        jdbc.sql("""
                create or replace function console_down() returns trigger language plpgsql as $$
                begin raise exception 'console platform is down'; end $$""").update();
        jdbc.sql("create trigger console_down before insert on console_messages for each row when (new.channel = '" + channel
                + "') execute function console_down()").update();

        // WHEN an announcement is requested, and its delivery fails
        transaction.executeWithoutResult(status -> events.publishEvent(
                new AnnouncementRequested(new Conversation(Platform.CONSOLE, channel), Reply.inChannel("Deploy of shop finished"))));
        String serialized = "%" + channel + "%";
        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(jdbc.sql(
                "select status from event_publication where serialized_event like ?").param(serialized).query(String.class).optional().orElse(null)));
        assertThat(new Ticolops(port).channelTexts(channel)).isEmpty();

        // THEN once the platform is back and the failure is old enough, the next run delivers it, exactly once
        platformBackUp();
        jdbc.sql("update event_publication set publication_date = publication_date - interval '1 minute', "
                + "last_resubmission_date = null where serialized_event like ?").param(serialized).update();
        resubmission().run();
        await().atMost(Duration.ofSeconds(10)).until(() -> !new Ticolops(port).channelTexts(channel).isEmpty());
        resubmission().run();
        assertThat(new Ticolops(port).channelTexts(channel)).containsExactly("Deploy of shop finished");
        assertThat(jdbc.sql("select status from event_publication where serialized_event like ?").param(serialized)
                .query(String.class).single()).isEqualTo("COMPLETED");
    }

    private RecurringTask resubmission() {
        return tasks.stream().filter(task -> task.name().equals("resubmit-failed-event-publications")).findFirst().orElseThrow();
    }
}
