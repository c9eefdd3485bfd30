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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slash-command ack latency: sends signed {@code /ticolops} commands at a fixed rate to a running Ticolops and prints
 * ack latency p50 / p99 / max and errors. Not part of {@code ./mvnw verify}.
 *
 * <pre>
 * ./mvnw -q -DskipTests package
 * java benchmarks/SlackCommandLoad.java                       # starts bot/target/ticolops.jar itself
 * java benchmarks/SlackCommandLoad.java --server http://host:8080 --secret S   # against a server you started
 * </pre>
 *
 * Ticolops needs a Slack Web API to talk to (Bolt calls auth.test; slow commands answer through response_url): this
 * program serves a minimal one on loopback. A server you start yourself must point ticolops.slack.api-url at it.
 * Latency is measured from each request's scheduled send time, so a stalled server cannot hide its queueing delay.
 */
public class SlackCommandLoad {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int rate = Integer.parseInt(options.getOrDefault("rate", "50"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup", "15"));
        String secret = options.getOrDefault("secret", "benchmark-signing-secret");
        int fakeSlackPort = Integer.parseInt(options.getOrDefault("fake-slack-port", "8099"));

        AtomicInteger responseUrlPosts = new AtomicInteger();
        HttpServer fakeSlack = fakeSlack(fakeSlackPort, responseUrlPosts);
        Process server = null;
        String base = options.get("server");
        try {
            if (base == null) {
                int port = Integer.parseInt(options.getOrDefault("port", "8181"));
                server = startServer(port, secret, fakeSlackPort);
                base = "http://localhost:" + port;
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitHealthy(http, base);
            Load load = new Load(http, base + "/slack/events", secret, fakeSlackPort);
            String channel = "CBENCH" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
            load.send("project create bench-" + Long.toString(System.nanoTime(), 36), channel, 0).join();

            System.out.printf("warming up: %d commands/s for %d s%n", rate, warmupSeconds);
            load.run(rate, warmupSeconds, channel);
            System.out.printf("measuring: %d commands/s for %d s against %s%n", rate, seconds, base);
            Result result = load.run(rate, seconds, channel);
            result.print(rate, seconds, responseUrlPosts.get());
        } finally {
            fakeSlack.stop(0);
            if (server != null) {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static final List<String> COMMANDS = List.of("help", "project info", "member list", "project list", "repo list", "help member add");

    static final class Load {

        private final HttpClient http;
        private final URI url;
        private final byte[] secret;
        private final int fakeSlackPort;
        private final AtomicInteger sequence = new AtomicInteger();

        Load(HttpClient http, String url, String secret, int fakeSlackPort) {
            this.http = http;
            this.url = URI.create(url);
            this.secret = secret.getBytes(StandardCharsets.UTF_8);
            this.fakeSlackPort = fakeSlackPort;
        }

        Result run(int rate, int seconds, String channel) throws InterruptedException {
            int total = rate * seconds;
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch done = new CountDownLatch(total);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * intervalNanos;
                String text = COMMANDS.get(i % COMMANDS.size());
                ticker.schedule(() -> send(text, channel, scheduled).whenComplete((response, failure) -> {
                    if (failure != null) {
                        errors.add(failure.getClass().getSimpleName() + ": " + failure.getMessage());
                    } else if (response.statusCode() != 200) {
                        errors.add("HTTP " + response.statusCode() + ": " + response.body());
                    } else {
                        latencies.add(System.nanoTime() - scheduled);
                    }
                    done.countDown();
                }), scheduled - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            boolean finished = done.await(seconds + 60L, TimeUnit.SECONDS);
            ticker.shutdownNow();
            if (!finished) {
                errors.add(done.getCount() + " requests never answered");
            }
            return new Result(new ArrayList<>(latencies), new ArrayList<>(errors));
        }

        java.util.concurrent.CompletableFuture<HttpResponse<String>> send(String text, String channel, long scheduled) {
            int n = sequence.incrementAndGet();
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
            form.put("response_url", "http://localhost:" + fakeSlackPort + "/response/" + n);
            form.put("trigger_id", n + "." + System.nanoTime() + ".bench");
            StringBuilder body = new StringBuilder();
            form.forEach((key, value) -> body.append(body.length() == 0 ? "" : "&").append(key).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", "v0=" + hmac("v0:" + timestamp + ":" + body))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        }

        private String hmac(String data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    record Result(List<Long> latencies, List<String> errors) {

        void print(int rate, int seconds, int responseUrlPosts) {
            List<Long> sorted = latencies.stream().sorted().toList();
            System.out.println();
            System.out.println("| rate | duration | acked | errors | p50 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            System.out.printf("| %d/s | %d s | %d | %d | %.1f | %.1f | %.1f |%n", rate, seconds, sorted.size(), errors.size(),
                    millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)), millis(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)));
            System.out.println("replies sent later through response_url (all phases): " + responseUrlPosts);
            errors.stream().distinct().limit(5).forEach(error -> System.out.println("error: " + error));
        }

        private static long percentile(List<Long> sorted, double p) {
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }

        private static double millis(long nanos) {
            return nanos / 1_000_000.0;
        }
    }

    /** Just enough of Slack's Web API for Ticolops to start and answer: auth.test, chat.postMessage, response_url. */
    private static HttpServer fakeSlack(int port, AtomicInteger responseUrlPosts) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
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

    private static Process startServer(int port, String secret, int fakeSlackPort) throws IOException {
        Path jar = Path.of("bot/target/ticolops.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build it first: ./mvnw -q -DskipTests package");
        }
        Path home = Files.createTempDirectory("ticolops-bench");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("TICOLOPS_HOME", home.toString());
        builder.environment().put("TICOLOPS_SLACK_BOT_TOKEN", "xoxb-benchmark");
        builder.environment().put("TICOLOPS_SLACK_SIGNING_SECRET", secret);
        builder.environment().put("TICOLOPS_SLACK_API_URL", "http://localhost:" + fakeSlackPort + "/api/");
        System.out.println("starting Ticolops on port " + port + ", log in " + home.resolve("server.log"));
        return builder.start();
    }

    private static void awaitHealthy(HttpClient http, String base) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
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
        throw new IllegalStateException(base + " did not become ready within 90 s");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
