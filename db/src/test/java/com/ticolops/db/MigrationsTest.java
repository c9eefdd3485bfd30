package com.ticolops.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = MigrationsTest.Schema.class)
class MigrationsTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Schema {
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void theCoreSchemaTheOutboxQuartzAndFeatureTablesAreCreated() {
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class).list();

        assertThat(tables).contains("users", "user_identities", "projects", "project_members", "repositories", "channels",
                "webhook_deliveries", "console_messages", "event_publication", "qrtz_triggers", "qrtz_job_details", "qrtz_locks",
                "slack_requests", "link_codes", "subscriptions", "repository_commits", "pull_requests", "pull_request_reviews",
                "pipeline_runs", "deployment_statuses");
    }

    @Test
    void aRedeliveredWebhookIsRefusedByTheUniqueDeliveryKey() {
        String insert = "insert into webhook_deliveries (provider, delivery_id, event, payload) values ('github', 'migrations-test-1', 'ping', '{}') on conflict do nothing";

        assertThat(jdbc.sql(insert).update()).isEqualTo(1);
        assertThat(jdbc.sql(insert).update()).isZero();
    }
}
