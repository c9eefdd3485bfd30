package com.ticolops.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Ticolops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ticolops as the README runs it: no database URL, so the embedded PostgreSQL under TICOLOPS_HOME, started twice.
 */
class EmbeddedDatabaseRestartTest {

    @TempDir
    Path home;

    @Test
    void aProjectCreatedInTheConsoleAndAnUndeliveredAnnouncementSurviveARestart() {
        try (ConfigurableApplicationContext first = start()) {
            Ticolops ticolops = client(first);
            assertThat(ticolops.get("/actuator/health/readiness").body().path("status").asString()).isEqualTo("UP");
            assertThat(ticolops.get("/actuator/health/liveness").body().path("status").asString()).isEqualTo("UP");
            ticolops.command("alice", "general", "project create shop");
            ticolops.connectGitHub("alice", "general", "octo-org/shop");
            await().untilAsserted(() -> assertThat(ticolops.channelTexts("general")).contains("@alice connected GitHub repository octo-org/shop to shop."));

            // The process dies after an announcement was committed but before it reached the channel.
            commitAnUndeliveredAnnouncement(first.getBean(JdbcClient.class), "Committed before the crash, delivered after it");
        }

        assertThat(home.resolve("postgres/PG_VERSION")).exists();
        try (ConfigurableApplicationContext second = start()) {
            Ticolops ticolops = client(second);
            assertThat(ticolops.command("alice", "general", "project list").all()).contains("shop — admin (this channel)");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts("general"))
                    .contains("Committed before the crash, delivered after it"));
        }
    }

    @Test
    void theEncryptionKeyFileIsCreatedUnderTheHomeReadableOnlyByItsOwner() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            Path key = home.resolve("secret.key");
            assertThat(key).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TicolopsApplication.class)
                .properties(Map.of("ticolops.home", home.toString()))
                .run("--server.port=0");
    }

    private static Ticolops client(ConfigurableApplicationContext app) {
        return new Ticolops(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }

    /** Writes the registry row a crash leaves behind: the same listener and event type as a real announcement, never completed. */
    private static void commitAnUndeliveredAnnouncement(JdbcClient jdbc, String text) {
        Map<String, Object> delivered = jdbc.sql("""
                        select listener_id, event_type, serialized_event from event_publication
                        where event_type like '%AnnouncementRequested' and completion_date is not null limit 1""")
                .query().singleRow();
        // A new announcement has an id of its own: one with the delivered one's id is that one delivered again.
        String serialized = ((String) delivered.get("serialized_event")).replace("@alice connected GitHub repository octo-org/shop to shop.", text)
                .replaceFirst("\"id\":\"[0-9a-f-]{36}\"", "\"id\":\"" + UUID.randomUUID() + "\"");
        jdbc.sql("insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts) "
                        + "values (?, ?, ?, ?, now(), 'PUBLISHED', 1)")
                .params(UUID.randomUUID(), delivered.get("listener_id"), delivered.get("event_type"), serialized)
                .update();
    }
}
