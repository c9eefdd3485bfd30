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

/** Spring Modulith's staleness check every 10 s rather than every minute, so its tests wait seconds, not minutes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.modulith.events.staleness.check-interval=10s")
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
    void platformAndDatabaseBackUp() {
        jdbc.sql("drop trigger if exists console_down on console_messages").update();
    }

    @Test
    void theResubmissionRunsEveryTenSecondsInQuartz() {
        assertThat(jdbc.sql("select cron_expression || ' ' || time_zone_id from qrtz_cron_triggers where trigger_name = ?")
                .param("resubmit-failed-event-publications").query(String.class).single()).isEqualTo("0/10 * * * * ? UTC");
    }

    @Test
    void anAnnouncementThatFailedWhileThePlatformWasDownIsDeliveredOnceItIsBack() {
        // GIVEN the console platform refuses every message to this channel
        consoleDown(channel);

        // WHEN an announcement is requested, and its delivery fails
        announce(channel, "Deploy of shop finished");
        awaitStatus(channel, "FAILED");
        assertThat(new Ticolops(port).channelTexts(channel)).isEmpty();

        // THEN once the platform is back and the first wait is over, the next run delivers it, exactly once
        platformAndDatabaseBackUp();
        age(channel, "1 minute", null);
        resubmission().run();
        await().atMost(Duration.ofSeconds(10)).until(() -> !new Ticolops(port).channelTexts(channel).isEmpty());
        resubmission().run();
        assertThat(new Ticolops(port).channelTexts(channel)).containsExactly("Deploy of shop finished");
        awaitStatus(channel, "COMPLETED");
    }

    @Test
    void aPublicationThatKeepsFailingIsRetriedAfterAWaitThatDoublesUpToHalfAnHour() {
        // GIVEN four announcements that failed, each with its own history of retries
        String retriedThriceAMinuteAgo = Names.unique("thrice-1m");
        String retriedThriceFiveMinutesAgo = Names.unique("thrice-5m");
        String retriedOftenTenMinutesAgo = Names.unique("often-10m");
        String retriedOftenHalfAnHourAgo = Names.unique("often-31m");
        List<String> channels = List.of(retriedThriceAMinuteAgo, retriedThriceFiveMinutesAgo, retriedOftenTenMinutesAgo, retriedOftenHalfAnHourAgo);
        consoleDown(channels.toArray(String[]::new));
        channels.forEach(c -> announce(c, "for " + c));
        channels.forEach(c -> awaitStatus(c, "FAILED"));
        platformAndDatabaseBackUp();
        // three retries so far: the next wait is 4 minutes, 2 to 4 with jitter
        age(retriedThriceAMinuteAgo, "1 hour", "1 minute", 4);
        age(retriedThriceFiveMinutesAgo, "1 hour", "5 minutes", 4);
        // nineteen retries: 30 s doubled 19 times is days, capped at 30 minutes, 15 to 30 with jitter
        age(retriedOftenTenMinutesAgo, "1 day", "10 minutes", 20);
        age(retriedOftenHalfAnHourAgo, "1 day", "31 minutes", 20);

        // WHEN the task runs
        resubmission().run();

        // THEN only those whose wait is over are tried again, and delivered
        await().atMost(Duration.ofSeconds(10)).until(() -> !new Ticolops(port).channelTexts(retriedThriceFiveMinutesAgo).isEmpty()
                && !new Ticolops(port).channelTexts(retriedOftenHalfAnHourAgo).isEmpty());
        assertThat(status(retriedThriceAMinuteAgo)).isEqualTo("FAILED");
        assertThat(status(retriedOftenTenMinutesAgo)).isEqualTo("FAILED");
        assertThat(new Ticolops(port).channelTexts(retriedThriceAMinuteAgo)).isEmpty();
        assertThat(new Ticolops(port).channelTexts(retriedOftenTenMinutesAgo)).isEmpty();
    }

    @Test
    void aDeliveryStuckInProcessingByADatabaseOutageIsDeliveredWithoutARestartOnceItIsFiveMinutesOld() {
        // GIVEN an announcement whose delivery failed while the database was unreachable, so its failure was never
        // recorded: the registry still says PROCESSING, as it did after the fault-injection run
        consoleDown(channel);
        announce(channel, "Push to shop");
        awaitStatus(channel, "FAILED");
        platformAndDatabaseBackUp();
        jdbc.sql("update event_publication set status = 'PROCESSING' where serialized_event like ?").param("%" + channel + "%").update();

        // WHEN the task runs while the delivery is one minute old
        age(channel, "1 minute", null);
        resubmission().run();

        // THEN it is left alone: a delivery that young may still be running
        assertThat(status(channel)).isEqualTo("PROCESSING");

        // WHEN the delivery is six minutes old
        age(channel, "6 minutes", null);

        // THEN it counts as failed, is tried again and is announced, once, without a restart
        awaitNoLongerInFlight(channel);
        resubmission().run();
        await().atMost(Duration.ofSeconds(10)).until(() -> !new Ticolops(port).channelTexts(channel).isEmpty());
        awaitStatus(channel, "COMPLETED");
        assertThat(new Ticolops(port).channelTexts(channel)).containsExactly("Push to shop");
    }

    @Test
    void aConsoleAnnouncementDeliveredAgainAfterTheCrashWindowIsPostedOnce() {
        // GIVEN an announcement posted to the console, whose completion the process died before writing (the
        // registry's marks are written in batches, and a crash forgets the last ones)
        announce(channel, "Release 1.4 published");
        awaitStatus(channel, "COMPLETED");
        jdbc.sql("update event_publication set status = 'PUBLISHED', completion_date = null where serialized_event like ?")
                .param("%" + channel + "%").update();

        // WHEN the incomplete publication is delivered again, as the restart or the resubmission task does
        age(channel, "10 minutes", null);
        awaitNoLongerInFlight(channel);
        resubmission().run();
        awaitStatus(channel, "COMPLETED");

        // THEN the channel shows the announcement once
        assertThat(new Ticolops(port).channelTexts(channel)).containsExactly("Release 1.4 published");
    }

    private void consoleDown(String... channels) {
        jdbc.sql("""
                create or replace function console_down() returns trigger language plpgsql as $$
                begin raise exception 'console platform is down'; end $$""").update();
        jdbc.sql("create trigger console_down before insert on console_messages for each row when (new.channel in ('"
                + String.join("', '", channels) + "')) execute function console_down()").update();
    }

    private void announce(String channel, String text) {
        transaction.executeWithoutResult(status -> events.publishEvent(
                new AnnouncementRequested(new Conversation(Platform.CONSOLE, channel), Reply.inChannel(text))));
    }

    private void age(String channel, String published, String lastResubmitted) {
        age(channel, published, lastResubmitted, 1);
    }

    /** Moves the channel's publication back in time, as if published and last resubmitted that long ago. */
    private void age(String channel, String published, String lastResubmitted, int attempts) {
        jdbc.sql("update event_publication set publication_date = now() - cast(? as interval), completion_attempts = ?, "
                        + "last_resubmission_date = now() - cast(? as interval) where serialized_event like ?")
                .params(published, attempts, lastResubmitted, "%" + channel + "%").update();
    }

    private String status(String channel) {
        return jdbc.sql("select status from event_publication where serialized_event like ?").param("%" + channel + "%")
                .query(String.class).optional().orElse(null);
    }

    private void awaitStatus(String channel, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> status.equals(status(channel)));
    }

    /** Spring Modulith's staleness check runs every 10 s; the scheduled resubmission may take it on at once. */
    private void awaitNoLongerInFlight(String channel) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !List.of("PUBLISHED", "PROCESSING").contains(status(channel)));
    }

    private RecurringTask resubmission() {
        return tasks.stream().filter(task -> task.name().equals("resubmit-failed-event-publications")).findFirst().orElseThrow();
    }
}
