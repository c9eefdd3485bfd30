package com.ticolops.bot.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.TicolopsApplication;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.db.test.SharedTestDatabase;
import com.ticolops.integrations.discord.FakeDiscord;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Ticolops processes on one PostgreSQL, as two replicas behind a load balancer: webhooks reach either, each is
 * stored and announced once, and one of them at a time holds the Discord gateway session, the other taking it over
 * when the holder is killed.
 */
class TwoReplicasTest {

    private static final String SECRET = "organisation-webhook-secret";
    private static final String METRICS_TOKEN = "replicas-scrape-token";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private final FakeDiscord discord = FakeDiscord.start();
    private final List<Process> replicas = new ArrayList<>();
    private String databaseUrl;

    @AfterEach
    void stopEverything() throws IOException, InterruptedException {
        for (Process replica : replicas) {
            replica.destroyForcibly().waitFor();
        }
        discord.stop();
    }

    @Test
    void oneGatewaySessionAtATimeEveryDeliveryAndEverySweepOnceAndTheSurvivorTakesTheGatewayOverWhenTheLeaderIsKilled() throws Exception {
        databaseUrl = SharedTestDatabase.newDatabase();
        String cryptoKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));

        // GIVEN replica A, which holds the gateway since it is alone
        Replica a = start("a", cryptoKey);
        await().atMost(STARTUP).until(() -> discord.gateway().openSessions() == 1);
        // AND replica B, started next to it on the same database
        Replica b = start("b", cryptoKey);
        Thread.sleep(3_000); // three of the test's heartbeats: time enough for B to have taken a session, were it going to
        assertThat(discord.gateway().identifications()).as("gateway sessions identified").isEqualTo(1);
        assertThat(discord.gateway().openSessions()).isEqualTo(1);

        long sweepsFrom = clearOfASweep();
        long sweptBefore = sweeps(a) + sweeps(b);

        // WHEN a repository connected through A gets a push delivered to A, and GitHub's redelivery of it lands on B
        String repository = "octo-org/replicas-" + UUID.randomUUID().toString().substring(0, 8);
        a.ticolops().command("alice", "general", "/ticolops project create replicas");
        String secret = a.ticolops().connectGitHub("alice", "general", repository);
        List<String> before = a.ticolops().channelTexts("general");
        byte[] push = Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository);
        String delivery = UUID.randomUUID().toString();
        assertThat(a.ticolops().gitHubDelivery("push", delivery, push, secret).status()).isEqualTo(202);
        assertThat(b.ticolops().gitHubDelivery("push", delivery, push, secret).status()).isBetween(200, 299);

        // THEN it is stored once, and announced once, by whichever replica delivered it
        await().atMost(Duration.ofSeconds(20)).until(() -> a.ticolops().channelTexts("general").size() > before.size());
        Thread.sleep(2_000);
        assertThat(a.ticolops().channelTexts("general")).hasSize(before.size() + 1);
        assertThat(b.ticolops().channelTexts("general")).isEqualTo(a.ticolops().channelTexts("general"));
        assertThat(count("select count(*) from webhook_deliveries where delivery_id = '" + delivery + "'")).isEqualTo(1);

        // AND a recurring task (the conflict sweep, at :00 and :30 of every minute) ran once per firing between them
        long firings = sweepFiringSince(sweepsFrom);
        assertThat(sweeps(a) + sweeps(b) - sweptBefore).as("sweeps run by either replica in " + firings + " firings").isEqualTo(firings);

        // WHEN the leader is killed without a chance to hand over
        a.process().destroyForcibly().waitFor();

        // THEN B takes the gateway over within a minute, and still takes deliveries
        await().atMost(Duration.ofSeconds(60)).until(() -> discord.gateway().identifications() == 2 && discord.gateway().openSessions() == 1);
        // Ready once JDA has read the session's READY, which lands a moment after the fake gateway counts it open
        await().atMost(Duration.ofSeconds(10)).until(() -> b.ticolops().get("/actuator/health/readiness").status() == 200);
        assertThat(b.ticolops().gitHubDelivery("push", UUID.randomUUID().toString(), push, secret).status()).isEqualTo(202);
    }

    @Test
    void aReplicaStoppedForARollingUpdateUnderLoadLosesNoAcknowledgedDeliveryAndHandsTheGatewayOverAtOnce() throws Exception {
        databaseUrl = SharedTestDatabase.newDatabase();
        String cryptoKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        // A lock that would take half a minute to expire: the gateway moving sooner shows it was handed over.
        Replica a = start("a", cryptoKey, Map.of("TICOLOPS_LEADER_TTL", "30s"));
        await().atMost(STARTUP).until(() -> discord.gateway().openSessions() == 1);
        Replica b = start("b", cryptoKey, Map.of("TICOLOPS_LEADER_TTL", "30s"));
        String repository = "octo-org/rolling-" + UUID.randomUUID().toString().substring(0, 8);
        a.ticolops().command("alice", "general", "/ticolops project create rolling");
        String secret = a.ticolops().connectGitHub("alice", "general", repository);
        byte[] push = Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository);

        // WHEN pushes keep arriving at A from four clients while A is told to stop (SIGTERM, as Kubernetes does)
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            clients.submit(() -> {
                while (sending.get()) {
                    String delivery = UUID.randomUUID().toString();
                    try {
                        if (a.ticolops().gitHubDelivery("push", delivery, push, secret).status() == 202) {
                            acknowledged.add(delivery);
                        }
                    } catch (RuntimeException e) {
                        Thread.sleep(20); // refused while it stops: GitHub would deliver it to B
                    }
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 100);
        long stopping = System.nanoTime();
        a.process().destroy();

        // THEN B holds the gateway long before A's lock could have expired
        await().atMost(Duration.ofSeconds(15)).until(() -> discord.gateway().identifications() == 2 && discord.gateway().openSessions() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(15));
        // AND A exits on its own, and every delivery it acknowledged is stored
        assertThat(a.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("A stopped within a minute").isTrue();
        sending.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(a.process().exitValue()).as("A's exit code after SIGTERM").isIn(0, 143);
        assertThat(stored(acknowledged)).isEqualTo(acknowledged.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> b.ticolops().get("/actuator/health/readiness").status() == 200);
    }

    /**
     * Waits for a moment at least 4 s after a :00 or :30 (so that firing's sweep has ended and been counted) and 3 s
     * before the next; @return that moment's epoch second.
     */
    private static long clearOfASweep() throws InterruptedException {
        while (Instant.now().getEpochSecond() % 30 < 4 || Instant.now().getEpochSecond() % 30 > 26) {
            Thread.sleep(250);
        }
        return Instant.now().getEpochSecond();
    }

    /** How many sweeps fired between {@code from} and a moment clear of one, at least one firing later. */
    private static long sweepFiringSince(long from) throws InterruptedException {
        long firstFiring = (from / 30 + 1) * 30;
        while (Instant.now().getEpochSecond() < firstFiring + 4) {
            Thread.sleep(250);
        }
        return clearOfASweep() / 30 - from / 30;
    }

    /** How often this replica ran the conflict sweep, as its metrics say. */
    private static long sweeps(Replica replica) throws IOException, InterruptedException {
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://localhost:" + replica.port() + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build();
        return HttpClient.newHttpClient().send(scrape, HttpResponse.BodyHandlers.ofString()).body().lines().filter(line -> line.startsWith("ticolops_jobs_seconds_count{") && line.contains("task=\"conflict-sweep\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private long stored(Set<String> deliveries) throws Exception {
        return count("select count(*) from webhook_deliveries where delivery_id in ('" + String.join("','", deliveries) + "')");
    }

    private record Replica(Process process, Ticolops ticolops, int port) {
    }

    /** A Ticolops process started from the test classpath, with a home of its own and the shared database. */
    private Replica start(String name, String cryptoKey) throws IOException {
        return start(name, cryptoKey, Map.of());
    }

    private Replica start(String name, String cryptoKey, Map<String, String> settings) throws IOException {
        int port = freePort();
        Path home = Files.createDirectories(work.resolve(name));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), TicolopsApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("TICOLOPS_HOME", home.toString());
        env.put("SPRING_DATASOURCE_URL", databaseUrl);
        env.put("SPRING_DATASOURCE_USERNAME", SharedTestDatabase.username());
        env.put("TICOLOPS_CRYPTO_KEY", cryptoKey);
        env.put("TICOLOPS_GITHUB_WEBHOOK_SECRET", SECRET);
        env.put("TICOLOPS_DISCORD_BOT_TOKEN", "fake-bot-token");
        env.put("TICOLOPS_DISCORD_REST_URL", discord.restUrl());
        env.put("TICOLOPS_DISCORD_GATEWAY_URL", discord.gatewayUrl());
        env.put("TICOLOPS_METRICS_TOKEN", METRICS_TOKEN);
        env.put("TICOLOPS_LEADER_TTL", "5s");
        env.put("TICOLOPS_LEADER_HEARTBEAT", "1s");
        env.put("TICOLOPS_LEADER_RETRY", "500ms");
        env.putAll(settings);
        Process process = builder.start();
        replicas.add(process);
        Ticolops ticolops = new Ticolops(port);
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("replica " + name + " exited: " + Files.readString(work.resolve(name + ".log")));
            }
            return ticolops.readiness() == 200;
        });
        return new Replica(process, ticolops, port);
    }

    private long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(databaseUrl, SharedTestDatabase.username(), "");
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
