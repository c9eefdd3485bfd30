package com.ticolops.bot.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookDeliveries;
import com.ticolops.scheduler.RecurringTask;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RetentionTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<RecurringTask> tasks;

    @Autowired
    WebhookDeliveries deliveries;

    @Test
    void bothRetentionTasksAreScheduledNightlyInQuartz() {
        List<String> crons = jdbc.sql("""
                        select trigger_name || ' ' || cron_expression || ' ' || time_zone_id from qrtz_cron_triggers
                        where trigger_name in ('drop-old-webhook-payloads', 'forget-old-message-anchors') order by trigger_name""")
                .query(String.class).list();

        assertThat(crons).containsExactly("drop-old-webhook-payloads 0 27 3 * * ? UTC", "forget-old-message-anchors 0 37 3 * * ? UTC");
    }

    @Test
    void aWebhookBodyOlderThan30DaysIsDroppedButItsDeliveryIdStillRefusesARedelivery() {
        // GIVEN a delivery received 31 days ago and one received 29 days ago
        String old = Names.unique("delivery-31-days-ago");
        String young = Names.unique("delivery-29-days-ago");
        insertDelivery(old, "31 days");
        insertDelivery(young, "29 days");

        // WHEN the nightly task runs
        task("drop-old-webhook-payloads").run();

        // THEN the old one's body is gone and the young one's is kept
        assertThat(payloadOf(old)).isNull();
        assertThat(payloadOf(young)).isEqualTo("{\"zen\": \"" + young + "\"}");
        // AND GitHub redelivering the old one is still a no-op
        assertThat(deliveries.record(new WebhookDeliveries.Delivery(GitProvider.GITHUB, old, "ping", null, null, "{}"), List.of())).isFalse();
        assertThat(jdbc.sql("select count(*) from webhook_deliveries where delivery_id = ?").param(old).query(Integer.class).single()).isOne();
    }

    @Test
    void aMessageAnchorPostedMoreThan90DaysAgoIsForgottenAndAYoungerOneIsKept() {
        // GIVEN a pull request's message posted 91 days ago and another's posted 89 days ago
        String channel = Names.unique("retention");
        insertAnchor(channel, "github:acme/shop#1", "91 days");
        insertAnchor(channel, "github:acme/shop#2", "89 days");

        // WHEN the nightly task runs
        task("forget-old-message-anchors").run();

        // THEN only the younger anchor is remembered
        assertThat(jdbc.sql("select anchor_key from announcement_messages where channel_id = ?").param(channel).query(String.class).list())
                .containsExactly("github:acme/shop#2");
    }

    private void insertDelivery(String deliveryId, String age) {
        jdbc.sql("insert into webhook_deliveries (provider, delivery_id, event, payload, received_at) values ('github', ?, 'ping', cast(? as jsonb), "
                + "now() - interval '" + age + "')").params(deliveryId, "{\"zen\": \"" + deliveryId + "\"}").update();
    }

    private String payloadOf(String deliveryId) {
        return jdbc.sql("select payload::text from webhook_deliveries where delivery_id = ?").param(deliveryId)
                .query((row, n) -> row.getString(1)).list().get(0);
    }

    private void insertAnchor(String channel, String key, String age) {
        jdbc.sql("insert into announcement_messages (platform, channel_id, anchor_key, message_ref, posted_at) values ('console', ?, ?, '1', "
                + "now() - interval '" + age + "')").params(channel, key).update();
    }

    private RecurringTask task(String name) {
        return tasks.stream().filter(task -> task.name().equals(name)).findFirst().orElseThrow();
    }
}
