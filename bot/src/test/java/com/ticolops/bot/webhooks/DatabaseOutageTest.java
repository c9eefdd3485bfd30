package com.ticolops.bot.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.TicolopsApplication;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL stops under a running Ticolops and comes back. Ticolops and its database are this test's own (not the
 * shared test database), so stopping it disturbs no other test; it comes back on the same port with the same data.
 */
class DatabaseOutageTest {

    private static final Duration GITHUB_WAITS_10_S_WE_ANSWER_WITHIN = Duration.ofSeconds(3);
    /** Deliveries per provider sent at once: more than the pool's 10 connections, so some must wait for one. */
    private static final int BURST = 15;

    @TempDir
    Path home;

    EmbeddedPostgres postgres;
    int databasePort;
    ConfigurableApplicationContext app;
    ExecutorService clients = Executors.newFixedThreadPool(2 * BURST);

    @AfterEach
    void stop() throws IOException {
        clients.shutdownNow();
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void whileTheDatabaseIsDownWebhooksGet503WithinThreeSecondsAndReadinessIsDownAndBothRecoverWhenItIsBack() throws IOException {
        // GIVEN a running Ticolops with a connected GitHub repository and GitLab project
        databasePort = freePort();
        startDatabase();
        app = new SpringApplicationBuilder(TicolopsApplication.class).properties(Map.of(
                "ticolops.home", home.resolve("home").toString(),
                "spring.datasource.url", "jdbc:postgresql://localhost:" + databasePort + "/postgres",
                "spring.datasource.username", "postgres")).run("--server.port=0");
        Ticolops ticolops = new Ticolops(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        ticolops.command("alice", "general", "project create shop");
        String secret = ticolops.connectGitHub("alice", "general", "octo-org/shop");
        String token = ticolops.connectGitLab("alice", "general", "acme/shop");
        assertThat(readiness(ticolops)).isEqualTo("UP");

        // WHEN PostgreSQL stops
        postgres.close();
        postgres = null;

        // THEN under a burst of deliveries, more than the pool has connections, each is refused with 503 and a JSON
        // error within 3 s, and readiness says DOWN as quickly
        List<CompletableFuture<Ticolops.Response>> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add(CompletableFuture.supplyAsync(() -> timed(() -> gitHubPush(ticolops, secret)), clients));
            burst.add(CompletableFuture.supplyAsync(() -> timed(() -> gitLabPush(ticolops, token)), clients));
        }
        for (CompletableFuture<Ticolops.Response> delivery : burst) {
            Ticolops.Response response = delivery.join();
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body().path("error").asString()).startsWith("Ticolops cannot reach its database");
        }
        assertThat(timed(() -> ticolops.get("/actuator/health/readiness")).body().path("status").asString()).isEqualTo("DOWN");

        // WHEN PostgreSQL is back
        startDatabase();

        // THEN, with no restart of Ticolops, deliveries are acknowledged again, announced, and readiness is UP
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gitHubPush(ticolops, secret).status()).isEqualTo(202));
        assertThat(gitLabPush(ticolops, token).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(readiness(ticolops)).isEqualTo("UP"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts("general"))
                .contains("alice-gh pushed 1 commit to main in octo-org/shop"));
    }

    private void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().setPort(databasePort).setDataDirectory(home.resolve("postgres"))
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
    }

    private static Ticolops.Response gitHubPush(Ticolops ticolops, String secret) {
        return ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), Payloads.bytes("/com/ticolops/bot/webhooks/push.json", "octo-org/shop"), secret);
    }

    private static Ticolops.Response gitLabPush(Ticolops ticolops, String token) {
        return ticolops.gitLabDelivery("Push Hook", UUID.randomUUID().toString(), Payloads.bytes("/com/ticolops/bot/webhooks/gitlab_push.json", "acme/shop"), token);
    }

    private static String readiness(Ticolops ticolops) {
        return ticolops.get("/actuator/health/readiness").body().path("status").asString();
    }

    private static Ticolops.Response timed(Supplier<Ticolops.Response> delivery) {
        long start = System.nanoTime();
        Ticolops.Response response = delivery.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to answer").isLessThan(GITHUB_WAITS_10_S_WE_ANSWER_WITHIN);
        return response;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
