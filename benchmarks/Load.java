import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator for a running Ticolops: fixed-rate requests, latency measured from each request's scheduled send time
 * (so a stalled server cannot hide its queueing delay), results as a table. Not part of {@code ./mvnw verify}.
 *
 * <pre>
 * ./mvnw -q -DskipTests package
 * java benchmarks/Load.java slack-commands [--rate 50] [--seconds 60]
 * java benchmarks/Load.java webhooks [--rate 200] [--seconds 60]
 * </pre>
 *
 * Each scenario starts {@code bot/target/ticolops.jar} as its own process with a fresh embedded database (heap capped at
 * 512 MB), warms it up at the same rate, measures, and stops it. {@code slack-commands} also serves the minimal Slack
 * Web API that Ticolops needs (auth.test, chat.postMessage, response_url). {@code webhooks} replays the shared GitHub and
 * GitLab fixtures with 5 % redeliveries and then counts, with psql, the deliveries the database holds.
 */
public class Load {

    private static final String SECRET = "benchmark-secret";
    private static final int FAKE_SLACK_PORT = 8099;

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("slack-commands", "webhooks").contains(args[0])) {
            System.err.println("usage: java benchmarks/Load.java slack-commands|webhooks [--rate N] [--seconds N] [--warmup N] [--port N]");
            System.exit(2);
        }
        Map<String, String> options = options(args);
        boolean slack = args[0].equals("slack-commands");
        int rate = Integer.parseInt(options.getOrDefault("rate", slack ? "50" : "200"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "15"));
        int port = Integer.parseInt(options.getOrDefault("port", "8181"));

        AtomicInteger responseUrlPosts = new AtomicInteger();
        HttpServer fakeSlack = slack ? fakeSlack(responseUrlPosts) : null;
        Path home = Files.createTempDirectory("ticolops-bench");
        Process server = startServer(port, home, slack);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://localhost:" + port;
            awaitReady(http, base, server);
            if (slack) {
                SlackCommands scenario = new SlackCommands(http, base);
                scenario.setUp();
                run("warm-up", rate, warmup, scenario::send);
                Stats stats = run("slash commands", rate, seconds, scenario::send);
                stats.print("slash command ack (Slack HTTP)", rate, seconds);
                System.out.println("replies sent later through response_url (whole run): " + responseUrlPosts.get());
            } else {
                String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
                run("warm-up", rate, warmup, new Webhooks(http, base, run + "-warmup")::send);
                Webhooks scenario = new Webhooks(http, base, run);
                Stats stats = run("webhook deliveries", rate, seconds, scenario::send);
                stats.print("webhook acknowledge", rate, seconds);
                scenario.reconcile(home);
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            if (fakeSlack != null) {
                fakeSlack.stop(0);
            }
        }
    }

    /** Sends {@code rate × seconds} requests on a fixed schedule; request {@code i} is built by {@code request}. */
    static Stats run(String phase, int rate, int seconds, IntFunction<CompletableFuture<HttpResponse<String>>> request) throws InterruptedException {
        System.out.printf("%s: %d/s for %d s%n", phase, rate, seconds);
        int total = rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            int n = i;
            ticker.schedule(() -> request.apply(n).whenComplete((response, failure) -> {
                if (failure != null) {
                    errors.add(failure.getClass().getSimpleName() + ": " + failure.getMessage());
                } else if (response.statusCode() / 100 != 2) {
                    errors.add("HTTP " + response.statusCode() + ": " + response.body());
                } else {
                    latencies.add(System.nanoTime() - scheduled);
                }
                done.countDown();
            }), scheduled - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        boolean finished = done.await(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        ticker.shutdownNow();
        if (!finished) {
            errors.add(done.getCount() + " requests never answered");
        }
        return new Stats(latencies.stream().sorted().toList(), new ArrayList<>(errors), elapsed);
    }

    record Stats(List<Long> sorted, List<String> errors, double elapsedSeconds) {

        void print(String what, int rate, int seconds) {
            System.out.println();
            System.out.println("| " + what + " | offered | 2xx | errors | throughput | p50 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d s | %d/s | %d | %d | %.0f/s | %.1f | %.1f | %.1f |%n", seconds, rate, sorted.size(), errors.size(),
                    sorted.size() / elapsedSeconds, ms(percentile(0.50)), ms(percentile(0.99)), ms(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)));
            errors.stream().distinct().limit(5).forEach(error -> System.out.println("error: " + error));
        }

        private long percentile(double p) {
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }

        private static double ms(long nanos) {
            return nanos / 1_000_000.0;
        }
    }

    /** Signed {@code /ticolops} slash commands, a mix of read-only commands in one project channel. */
    static final class SlackCommands {

        private static final List<String> COMMANDS = List.of("help", "project info", "member list", "project list", "repo list", "help member add");

        private final HttpClient http;
        private final URI url;
        private final String channel = "CBENCH" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();

        SlackCommands(HttpClient http, String base) {
            this.http = http;
            this.url = URI.create(base + "/slack/events");
        }

        void setUp() {
            HttpResponse<String> created = command("project create bench-" + Long.toString(System.nanoTime(), 36), -1).join();
            if (created.statusCode() != 200) {
                throw new IllegalStateException("project create failed: " + created.statusCode() + " " + created.body());
            }
        }

        CompletableFuture<HttpResponse<String>> send(int n) {
            return command(COMMANDS.get(n % COMMANDS.size()), n);
        }

        private CompletableFuture<HttpResponse<String>> command(String text, int n) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("token", "deprecated-verification-token");
            form.put("team_id", "T0BENCH");
            form.put("team_domain", "bench");
            form.put("channel_id", channel);
            form.put("channel_name", "bench");
            form.put("user_id", "UBENCH");
            form.put("user_name", "bench");
            form.put("command", "/ticolops");
            form.put("text", text);
            form.put("api_app_id", "A0BENCH");
            form.put("response_url", "http://localhost:" + FAKE_SLACK_PORT + "/response/" + n);
            form.put("trigger_id", n + "." + System.nanoTime() + ".bench");
            StringBuilder body = new StringBuilder();
            form.forEach((key, value) -> body.append(body.length() == 0 ? "" : "&").append(key).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            String signature = "v0=" + hmac(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return http.sendAsync(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * The shared GitHub and GitLab fixtures (valid JSON only), signed with the organisation / group webhook secret, each
     * with a fresh delivery id except every 20th request, which redelivers an earlier one.
     */
    static final class Webhooks {

        private final HttpClient http;
        private final String base;
        private final String run;
        private final List<Fixture> fixtures;
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final AtomicInteger redeliveries = new AtomicInteger();

        Webhooks(HttpClient http, String base, String run) throws IOException {
            this.http = http;
            this.base = base;
            this.run = run;
            this.fixtures = fixtures();
            System.out.println("replaying " + fixtures.size() + " fixtures from " + fixturesDirectory());
        }

        CompletableFuture<HttpResponse<String>> send(int n) {
            boolean redelivery = n % 20 == 19;
            int id = redelivery ? n - 10 : n;
            Fixture fixture = fixtures.get(id % fixtures.size());
            String deliveryId = run + "-" + id;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + (fixture.gitlab() ? "/webhooks/gitlab" : "/webhooks/github")))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(fixture.body()));
            if (fixture.gitlab()) {
                request.header("X-Gitlab-Event", fixture.event()).header("Idempotency-Key", deliveryId).header("X-Gitlab-Token", SECRET);
            } else {
                request.header("X-GitHub-Event", fixture.event()).header("X-GitHub-Delivery", deliveryId)
                        .header("X-Hub-Signature-256", "sha256=" + hmac(fixture.body()));
            }
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                if (response.statusCode() / 100 == 2) {
                    acknowledged.add(deliveryId);
                    if (redelivery) {
                        redeliveries.incrementAndGet();
                    }
                }
                return response;
            });
        }

        /** Every acknowledged delivery id must be in the database exactly once. */
        void reconcile(Path home) throws IOException, InterruptedException {
            String port = Files.readAllLines(home.resolve("postgres/postmaster.pid")).get(3).trim();
            Process psql = new ProcessBuilder("psql", "-h", "localhost", "-p", port, "-U", "postgres", "-d", "postgres", "-At", "-c",
                    "select count(*) || ' ' || count(distinct delivery_id) from webhook_deliveries where delivery_id ~ '^" + run + "-[0-9]+$'")
                    .redirectErrorStream(true).start();
            String[] counts = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
            psql.waitFor();
            String rows = counts[0];
            String distinct = counts.length > 1 ? counts[1] : "?";
            System.out.println();
            System.out.println("| acknowledged delivery ids | rows persisted | distinct ids persisted | redeliveries acknowledged |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| %d | %s | %s | %d |%n", acknowledged.size(), rows, distinct, redeliveries.get());
            System.out.println(String.valueOf(acknowledged.size()).equals(rows) && rows.equals(distinct)
                    ? "every acknowledged delivery is persisted exactly once" : "MISMATCH between acknowledged and persisted deliveries");
        }

        record Fixture(boolean gitlab, String event, byte[] body) {
        }

        private static List<Fixture> fixtures() throws IOException {
            Path root = fixturesDirectory();
            List<Fixture> all = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root.resolve("github-webhooks"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    all.add(new Fixture(false, file.getParent().getFileName().toString(), Files.readAllBytes(file)));
                }
            }
            List<String> index = Files.readAllLines(root.resolve("gitlab-webhooks/index.tsv"));
            for (String line : index.subList(1, index.size())) {
                String[] row = line.split("\t");
                if (row[3].equals("yes")) {
                    all.add(new Fixture(true, row[1], Files.readAllBytes(root.resolve("gitlab-webhooks").resolve(row[0]))));
                }
            }
            return all;
        }

        private static Path fixturesDirectory() {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("shared/fixtures/github-webhooks"))) {
                    return dir.resolve("shared/fixtures");
                }
            }
            throw new IllegalStateException("no shared/fixtures next to " + Path.of("").toAbsolutePath() + " or above it");
        }
    }

    private static String hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Just enough of Slack's Web API for Ticolops to start and answer: auth.test, chat.postMessage, response_url. */
    private static HttpServer fakeSlack(AtomicInteger responseUrlPosts) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", FAKE_SLACK_PORT), 200);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/response/")) {
                responseUrlPosts.incrementAndGet();
            }
            String json = path.endsWith("auth.test")
                    ? "{\"ok\":true,\"url\":\"https://bench.slack.com/\",\"team\":\"Bench\",\"user\":\"ticolops\",\"team_id\":\"T0BENCH\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}"
                    : "{\"ok\":true,\"channel\":\"CBENCH\",\"ts\":\"1700000000.000100\"}";
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static Process startServer(int port, Path home, boolean slack) throws IOException {
        Path jar = Path.of("bot/target/ticolops.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build it first: ./mvnw -q -DskipTests package");
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("TICOLOPS_HOME", home.toString());
        env.put("TICOLOPS_GITHUB_WEBHOOK_SECRET", SECRET);
        env.put("TICOLOPS_GITLAB_WEBHOOK_SECRET", SECRET);
        if (slack) {
            env.put("TICOLOPS_SLACK_BOT_TOKEN", "xoxb-benchmark");
            env.put("TICOLOPS_SLACK_SIGNING_SECRET", SECRET);
            env.put("TICOLOPS_SLACK_API_URL", "http://localhost:" + FAKE_SLACK_PORT + "/api/");
        }
        System.out.println("starting Ticolops on port " + port + ", log in " + home.resolve("server.log"));
        return builder.start();
    }

    private static void awaitReady(HttpClient http, String base, Process server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(base + " did not become ready (see the server log)");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
