import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator for a running Ticolops: open loop (requests on a fixed schedule, latency measured from each request's
 * scheduled send time, so a stalled server cannot hide its queueing delay), results as tables. Not part of
 * {@code ./mvnw verify}.
 *
 * <pre>
 * ./mvnw -q -DskipTests package
 * java benchmarks/Load.java slack-commands [--rate 50] [--seconds 60]
 * java benchmarks/Load.java webhooks [--rate 200] [--seconds 60]
 * java benchmarks/Load.java webhooks --step [--step-seconds 10] [--targets ticolops,baseline]
 * </pre>
 *
 * Each scenario starts {@code bot/target/ticolops.jar} as its own process with a fresh embedded database (heap capped at
 * 512 MB), warms it up, measures, and stops it. {@code slack-commands} also serves the minimal Slack Web API that
 * Ticolops needs (auth.test, chat.postMessage, response_url). {@code webhooks} replays the shared GitHub and GitLab
 * fixtures with 5 % redeliveries. {@code webhooks --step} sends 8.8 KB GitHub pushes and searches for the highest rate
 * whose acks keep p99 under 100 ms, for Ticolops and then for {@code benchmarks/Baseline.java} (HMAC check and one
 * durable INSERT into the same PostgreSQL), so Ticolops is reported as a ratio to that limit. Every scenario reports
 * the CPU per request of the server's JVM and of its PostgreSQL processes, and the JVM's resident memory; the webhook
 * scenarios also compare the acknowledged delivery ids with the rows stored and time the backlog of the work after the
 * ack.
 */
public class Load {

    private static final String SECRET = "benchmark-secret";
    private static final int FAKE_SLACK_PORT = 8099;
    private static final int FAKE_GITHUB_PORT = 8098;
    private static final String DEPLOY_REPOSITORY = "bench/shop";
    /** Issue 9's criterion: the step search reports the highest offered rate whose acks have p99 below this. */
    private static final double ACK_P99_LIMIT_MS = 100;
    /** Issue 9's other criterion: the work after the ack keeps up if its backlog is gone this soon after the load. */
    private static final double KEPT_UP_SECONDS = 5;
    /**
     * A phase stops once it is this far behind its schedule: the server cannot keep up, every later request would
     * only wait longer, and a step at ten times a server's capacity would otherwise take ten times its length.
     */
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long RESPONSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final double SECONDS_PER_TICK = 1.0 / clockTicksPerSecond();

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("slack-commands", "deploy", "webhooks", "presence").contains(args[0])) {
            System.err.println("""
                    usage: java benchmarks/Load.java slack-commands|deploy|webhooks|presence [--rate N] [--seconds N] [--warmup N] [--port N] [--connections N] [--drain-timeout N]
                           java benchmarks/Load.java webhooks --step [--targets ticolops,baseline] [--start N] [--factor N] [--bisections N] [--max-rate N]
                                [--step-warmup N] [--step-seconds N] [--cpu-rate N] [--cpu-seconds N] [--baseline-port N] [--warmup N] [--port N] ...
                    (README.md, "Benchmarks", says what each does)""");
            System.exit(2);
        }
        Options options = new Options(args);
        boolean deploy = args[0].equals("deploy");
        boolean slack = args[0].equals("slack-commands") || deploy;
        int port = options.integer("port", 8181);

        AtomicInteger responseUrlPosts = new AtomicInteger();
        HttpServer fakeSlack = slack ? fakeSlack(responseUrlPosts) : null;
        Path home = Files.createTempDirectory("ticolops-bench");
        AtomicInteger deploymentsCreated = new AtomicInteger();
        HttpServer fakeGitHub = deploy ? fakeGitHub(options.integer("github-latency", 300), deploymentsCreated) : null;
        Process server = startServer(port, home, slack, deploy);
        try {
            awaitReady(port, server);
            Database database = new Database(home);
            System.out.println(database.describe());
            Target ticolops = new Target("Ticolops", port, server, database, "webhook_deliveries", true);
            if (deploy) {
                deploys(ticolops, home, options, responseUrlPosts, deploymentsCreated);
            } else if (slack) {
                slackCommands(ticolops, options, responseUrlPosts);
            } else if (args[0].equals("presence")) {
                presence(ticolops, options);
            } else if (options.flag("step")) {
                webhookSteps(ticolops, home, options);
            } else {
                webhooks(ticolops, options);
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            if (fakeSlack != null) {
                fakeSlack.stop(0);
            }
            if (fakeGitHub != null) {
                fakeGitHub.stop(0);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- scenarios

    /**
     * Issue 10's deploy scenario: signed {@code /ticolops deploy} commands over Slack HTTP, each to an environment of
     * its own (a deployment holds its environment until GitHub reports on it, which this fake never does), against a
     * GitHub whose every answer takes {@code --github-latency} ms.
     */
    static void deploys(Target ticolops, Path home, Options options, AtomicInteger responseUrlPosts, AtomicInteger deploymentsCreated) throws Exception {
        int rate = options.integer("rate", 20);
        int seconds = options.integer("seconds", 60);
        int warmup = options.integer("warmup", 5);
        SlackCommands slack = new SlackCommands(ticolops.port());
        slack.setUp();
        System.out.println(slack.setUp("repo connect github " + DEPLOY_REPOSITORY).lines().findFirst().orElse("").substring(0, 120));
        // The token is checked at GitHub (300 ms here), longer than the ack waits: its answer comes through response_url.
        slack.setUp("repo token github ghp_benchmark " + DEPLOY_REPOSITORY);
        int environments = rate * (warmup + seconds);
        System.out.printf("adding %,d environments to %s%n", environments, DEPLOY_REPOSITORY);
        for (int n = 0; n < environments; n++) {
            String reply = slack.setUp("env add " + DEPLOY_REPOSITORY + " bench-" + n + " github-deployments");
            if (!reply.contains("Added environment bench-" + n)) {
                throw new IllegalStateException("env add bench-" + n + " answered " + reply);
            }
        }
        IntFunction<Request> deploy = n -> slack.command("deploy " + DEPLOY_REPOSITORY + " main bench-" + n, n);
        load(ticolops, "warm-up", rate, 0, warmup, options.integer("connections", 256), deploy);
        Cpu before = ticolops.cpu();
        Stats stats = load(ticolops, "deploy commands", rate, 0, seconds, options.integer("connections", 256), n -> deploy.apply(rate * warmup + n));
        Cpu cpu = ticolops.cpu().minus(before);
        Thread.sleep(options.integer("settle", 5) * 1000L);

        List<String> recorded = ticolops.database().query("select count(*), count(distinct environment_id), count(*) filter (where provider_id is not null) "
                + "from deployments").get(0).lines().toList();
        String[] counts = recorded.get(0).split("\\|");
        long poolTimeouts;
        try (Stream<String> log = Files.lines(home.resolve("server.log"))) {
            poolTimeouts = log.filter(line -> line.contains("Connection is not available")).count();
        }
        Stats.header("deploy command ack (Slack HTTP)");
        System.out.println(stats.row(seconds + " s"));
        System.out.println();
        System.out.println("| commands acknowledged (warm-up included) | deployments recorded | environments with one | started at GitHub (provider id stored) "
                + "| deployments GitHub was asked to create | answered later through response_url | pool wait timeouts in the log | CPU per command |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.printf("| %,d | %s | %s | %s | %,d | %,d | %d | %s |%n", slack.acknowledged.get(), counts[0], counts[1], counts[2], deploymentsCreated.get(),
                responseUrlPosts.get(), poolTimeouts, cpu.per(stats.acknowledged()));
    }

    static void slackCommands(Target ticolops, Options options, AtomicInteger responseUrlPosts) throws Exception {
        int rate = options.integer("rate", 50);
        int seconds = options.integer("seconds", 60);
        int connections = options.integer("connections", 256);
        SlackCommands scenario = new SlackCommands(ticolops.port());
        scenario.setUp();
        load(ticolops, "warm-up", rate, 0, options.integer("warmup", 15), connections, scenario::send);
        Cpu before = ticolops.cpu();
        Stats stats = load(ticolops, "slash commands", rate, 0, seconds, connections, scenario::send);
        Cpu cpu = ticolops.cpu().minus(before);

        Stats.header("slash command ack (Slack HTTP)");
        System.out.println(stats.row(seconds + " s"));
        System.out.println();
        System.out.println("| CPU per command | JVM resident memory at the end | replies sent later through response_url (whole run) |");
        System.out.println("|---|---|---|");
        System.out.printf("| %s | %s | %d |%n", cpu.per(stats.acknowledged()), ticolops.memory(), responseUrlPosts.get());
    }

    /**
     * Heartbeats, then activities across many people and files, each with a personal token over the REST API. Conflict
     * detection runs in batches right after the activities commit: its latency (commit to conflicts stored and notices
     * queued) is read from the server's histogram, scraped before and after the measured phase.
     */
    static void presence(Target ticolops, Options options) throws Exception {
        int seconds = options.integer("seconds", 60);
        int warmup = options.integer("warmup", 15);
        Presence scenario = new Presence(ticolops, options.integer("users", 2000), options.integer("files", 50_000));
        scenario.setUp();
        int heartbeatRate = options.integer("heartbeat-rate", 1000);
        phase(ticolops, "heartbeat warm-up", heartbeatRate, 0, warmup, options, scenario::heartbeat);
        Cpu beforeHeartbeats = ticolops.cpu();
        Step heartbeats = phase(ticolops, "heartbeats", heartbeatRate, 0, seconds, options, scenario::heartbeat);
        Cpu heartbeatCpu = ticolops.cpu().minus(beforeHeartbeats);
        int activityRate = options.integer("activity-rate", 500);
        phase(ticolops, "activity warm-up", activityRate, 0, warmup, options, scenario::activity);
        // The activities table grew from empty within seconds, faster than autovacuum (one-minute naps) analyses it, and
        // plans made on the statistics of an empty table read it whole for every activity. A team's database has had its
        // statistics for long: measure that.
        ticolops.database().query("analyze");
        Cpu before = ticolops.cpu();
        var detectedBefore = ticolops.histogram(DETECTION);
        Step activities = phase(ticolops, "activities", activityRate, 0, seconds, options, scenario::activity);
        Cpu cpu = ticolops.cpu().minus(before);
        var detected = ticolops.histogram(DETECTION);
        String[] counts = ticolops.database().query("select (select count(*) from activities), (select count(*) from conflicts), "
                + "(select count(*) from conflicts where resolved_at is null)").get(0).split("\\|");

        Stats.header("presence heartbeat ack");
        System.out.println(heartbeats.stats().row(seconds + " s"));
        System.out.println();
        System.out.println("CPU per heartbeat: " + heartbeatCpu.per(heartbeats.stats().acknowledged()));
        Stats.header("activity ack (POST /api/v1/activities)");
        System.out.println(activities.stats().row(seconds + " s"));
        System.out.println();
        System.out.println("| conflict detection, commit to detected (the server's histogram) | activities detected | p50 | p99 |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| %d s | %,d | %s | %s |%n", seconds, detected.lastEntry().getValue() - detectedBefore.lastEntry().getValue(),
                quantile(detectedBefore, detected, 0.5), quantile(detectedBefore, detected, 0.99));
        System.out.println();
        System.out.println("| activity rows | conflicts (open) | CPU per activity | JVM resident memory (peak) | backlog at the end |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf("| %s | %s (%s) | %s | %s | %s |%n", counts[0], counts[1], counts[2], cpu.per(activities.stats().acknowledged()),
                ticolops.memory(), activities.drain());
    }

    static final String DETECTION = "ticolops_conflicts_detection_seconds";
    static final String METRICS_TOKEN = "benchmark-scrape-token";

    /** The bucket a quantile of what was recorded between two scrapes falls in, as "≤ its upper bound". */
    static String quantile(java.util.TreeMap<Double, Long> before, java.util.TreeMap<Double, Long> after, double q) {
        long total = after.lastEntry().getValue() - before.lastEntry().getValue();
        for (var bucket : after.entrySet()) {
            if (bucket.getValue() - before.getOrDefault(bucket.getKey(), 0L) >= Math.ceil(q * total)) {
                return bucket.getKey().isInfinite() ? "> " + before.lowerKey(Double.POSITIVE_INFINITY) * 1000 + " ms"
                        : String.format("≤ %s ms", new java.math.BigDecimal(bucket.getKey() * 1000).stripTrailingZeros().toPlainString());
            }
        }
        return "—";
    }

    /** Fixed rate, all shared fixtures, 5 % redeliveries: the conformance set under load. */
    static void webhooks(Target ticolops, Options options) throws Exception {
        int rate = options.integer("rate", 200);
        int seconds = options.integer("seconds", 60);
        Webhooks scenario = new Webhooks(runId("fixtures"), Webhooks.fixtures(), true, null);
        phase(ticolops, "warm-up", rate, 0, options.integer("warmup", 15), options, scenario.phase("w"));
        Cpu before = ticolops.cpu();
        Step measured = phase(ticolops, "webhook deliveries", rate, 0, seconds, options, scenario.phase("m"));
        Cpu cpu = ticolops.cpu().minus(before);
        String memory = ticolops.memory();

        Stats.header("webhook acknowledge");
        System.out.println(measured.stats().row(seconds + " s"));
        System.out.println();
        System.out.println("| CPU per delivery (work after the ack included) | JVM resident memory at the end | backlog at the end of the load |");
        System.out.println("|---|---|---|");
        System.out.printf("| %s | %s | %s |%n", cpu.per(measured.stats().acknowledged()), memory, measured.drain());
        scenario.reconcile(ticolops).print();
    }

    /**
     * For each target: a warm-up, the step search, a fixed-rate phase that measures CPU per delivery, then resident
     * memory and the reconciliation. Ticolops goes first and the baseline is started only afterwards, so neither runs while
     * the other is measured.
     */
    static void webhookSteps(Target ticolops, Path home, Options options) throws Exception {
        List<String> targets = List.of(options.text("targets", "ticolops,baseline").split(","));
        List<Result> results = new ArrayList<>();
        if (targets.contains("ticolops")) {
            results.add(stepTarget(ticolops, options));
        }
        if (targets.contains("baseline")) {
            Process baseline = startBaseline(options.integer("baseline-port", 8182), home, ticolops.database());
            try {
                results.add(stepTarget(new Target("baseline", options.integer("baseline-port", 8182), baseline, ticolops.database(), "bench_baseline", false), options));
            } finally {
                baseline.destroy();
                baseline.waitFor(30, TimeUnit.SECONDS);
            }
        }

        for (Result result : results) {
            Stats.header(result.target().name(), result.target().hasBacklog() ? new String[] {"backlog after the step"} : new String[0]);
            result.steps().forEach(step -> System.out.println(step.row(step.stats().ok() ? "step: good" : "step: bad")));
            System.out.println(result.cpuPhase().row("CPU phase"));
        }

        System.out.println();
        System.out.printf("GitHub push, %,d bytes, %d connections, steps of %d s after %d s at the same rate%n", Webhooks.push(SECRET).body().length,
                options.integer("connections", 256), options.integer("step-seconds", 10), options.integer("step-warmup", 3));
        System.out.println();
        System.out.println("| | " + results.stream().map(r -> r.target().name()).collect(Collectors.joining(" | "))
                + (results.size() == 2 ? " | Ticolops ÷ baseline" : "") + " |");
        System.out.println("|---|" + "---|".repeat(results.size() + (results.size() == 2 ? 1 : 0)));
        row(results, "max rate with ack p99 < " + (int) ACK_P99_LIMIT_MS + " ms", Result::maxRate, r -> (double) r.max());
        row(results, "highest step whose backlog was gone within " + (int) KEPT_UP_SECONDS + " s", Result::keptUp, null);
        row(results, "CPU per delivery at " + options.integer("cpu-rate", 200) + "/s (JVM + PostgreSQL)", r -> r.cpu().per(r.cpuPhase().stats().acknowledged()),
                r -> r.cpu().total() / r.cpuPhase().stats().acknowledged());
        row(results, "JVM resident memory at the end (peak)", Result::memory, null);
        row(results, "acknowledged / persisted (missing, duplicates)", r -> r.reconciled().brief(), null);
    }

    record Result(Target target, Step cpuPhase, Cpu cpu, List<Step> steps, int max, boolean ceiling, String memory,
            Reconciled reconciled) {

        String maxRate() {
            return ceiling ? String.format("≥ %,d/s (never failed)", max) : max == 0 ? "none (the lowest step failed)" : String.format("%,d/s", max);
        }

        String keptUp() {
            return target.hasBacklog() ? steps.stream().filter(s -> s.stats().ok() && s.drain().keptUp())
                    .mapToInt(s -> s.stats().rate()).max().stream().mapToObj(rate -> String.format("%,d/s", rate)).findFirst().orElse("none") : "—";
        }
    }

    /** A phase's figures, and for Ticolops the backlog it left. */
    record Step(Stats stats, Drain drain) {

        String row(String label) {
            return stats.row(label) + (drain == null ? "" : " " + drain + " |");
        }
    }

    /** Load, then wait for the work after the ack to catch up. */
    static Step phase(Target target, String name, int rate, int warmup, int seconds, Options options, IntFunction<Request> requests) throws Exception {
        long before = target.hasBacklog() ? target.database().backlog()[0] : 0;
        Stats stats = load(target, name, rate, warmup, seconds, options.integer("connections", 256), requests);
        return new Step(stats, target.hasBacklog() ? target.database().drain(before, options.integer("drain-timeout", 120)) : null);
    }

    private static void row(List<Result> results, String label, Function<Result, String> cell, ToDoubleFunction<Result> ratio) {
        String ratioCell = results.size() == 2 ? (ratio == null ? " |" : String.format(" %.2f |", ratio.applyAsDouble(results.get(0)) / ratio.applyAsDouble(results.get(1)))) : "";
        System.out.println("| " + label + " | " + results.stream().map(cell).collect(Collectors.joining(" | ")) + " |" + ratioCell);
    }

    static Result stepTarget(Target target, Options options) throws Exception {
        int cpuRate = options.integer("cpu-rate", 200);
        System.out.println();
        System.out.println("== " + target.name() + " on port " + target.port());
        String run = runId(target.name().toLowerCase(Locale.ROOT));
        // Ticolops does all its work: the push's repository is connected, so its facts are stored, and its channel follows
        // the project, so every push is announced there. The baseline checks the organisation secret.
        String secret = target.hasBacklog() ? connectPushRepository(target, run) : SECRET;
        Webhooks pushes = new Webhooks(run, List.of(Webhooks.push(secret)), false, target.hasBacklog() ? run : null);
        phase(target, "warm-up", cpuRate, 0, options.integer("warmup", 15), options, pushes.phase("w"));

        // Raise the rate until a step fails, then bisect between the last good rate and the first bad one.
        int stepSeconds = options.integer("step-seconds", 10);
        int stepWarmup = options.integer("step-warmup", 3);
        int maxRate = options.integer("max-rate", 40_000);
        List<Step> steps = new ArrayList<>();
        int good = 0;
        int bad = 0;
        for (int rate = options.integer("start", 500); bad == 0 && rate <= maxRate; rate *= options.integer("factor", 2)) {
            Step step = phase(target, "step", rate, stepWarmup, stepSeconds, options, pushes.phase("s" + rate));
            steps.add(step);
            if (step.stats().ok()) {
                good = rate;
            } else {
                bad = rate;
            }
        }
        for (int i = 0; i < options.integer("bisections", 3) && bad > 0 && bad - good > 1; i++) {
            int rate = (good + bad) / 2;
            Step step = phase(target, "step", rate, stepWarmup, stepSeconds, options, pushes.phase("s" + rate));
            steps.add(step);
            if (step.stats().ok()) {
                good = rate;
            } else {
                bad = rate;
            }
        }

        // Last, once the JIT has settled: from a moment with no backlog to the next, so that the CPU counted is all the
        // work of these deliveries, after the ack too.
        Cpu before = target.cpu();
        Step cpuPhase = phase(target, "CPU phase", cpuRate, 0, options.integer("cpu-seconds", 30), options, pushes.phase("c"));
        Cpu cpu = target.cpu().minus(before);
        return new Result(target, cpuPhase, cpu, steps, good, bad == 0, target.memory(), pushes.reconcile(target));
    }

    /**
     * Through the console's command API: a project whose channel {@code channel} follows it, and the step push's
     * repository connected to it.
     *
     * @return the repository's webhook secret
     */
    private static String connectPushRepository(Target target, String channel) throws IOException {
        console(target, channel, "/ticolops project create " + channel);
        String reply = console(target, channel, "/ticolops repo connect github Codertocat/Hello-World");
        Matcher secret = Pattern.compile("\"name\"\\s*:\\s*\"Secret\"\\s*,\\s*\"value\"\\s*:\\s*\"([0-9a-f]+)\"").matcher(reply);
        if (!secret.find()) {
            throw new IllegalStateException("repo connect showed no secret: " + reply);
        }
        return secret.group(1);
    }

    private static String console(Target target, String channel, String text) throws IOException {
        return console(target, "bench", channel, text);
    }

    private static String console(Target target, String user, String channel, String text) throws IOException {
        byte[] body = String.format("{\"user\":\"%s\",\"channel\":\"%s\",\"text\":\"%s\"}", user, channel, text).getBytes(StandardCharsets.UTF_8);
        Response response = exchange(target.port(), Request.post("/api/v1/console/commands", body, () -> { }, "Content-Type", "application/json"));
        if (response.status() != 200) {
            throw new IllegalStateException(text + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    private static String runId(String what) {
        return "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-" + what;
    }

    // ---------------------------------------------------------------------------------------------------- load

    /**
     * Sends {@code rate × (warmup + seconds)} requests on a fixed schedule over at most {@code connections} keep-alive
     * connections, from one thread with a selector: at each wake-up it sends every request whose time has come, on
     * connections that are free, and reads the responses that arrived. When every connection is busy the next request
     * goes out late, and its latency, counted from its scheduled time, shows it. The selector waits in whole
     * milliseconds, so a request leaves up to 1 ms after its time (counted too). Only the requests after the warm-up
     * are measured; an error anywhere counts.
     */
    static Stats load(Target target, String phase, int rate, int warmup, int seconds, int connections, IntFunction<Request> requests)
            throws IOException {
        int measureFrom = rate * warmup;
        int total = measureFrom + rate * seconds;
        double interval = 1e9 / rate;
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        int errors = 0;
        List<String> samples = new ArrayList<>();
        int unsent = 0;
        double generatorBefore = ticks(ProcessHandle.current().pid()) * SECONDS_PER_TICK;
        long start = System.nanoTime();
        try (Selector selector = Selector.open()) {
            // First in, first out: every connection is used in turn, so none sits idle long enough for the server to close it.
            ArrayDeque<Connection> idle = new ArrayDeque<>();
            List<Connection> all = new ArrayList<>();
            for (int c = 0; c < Math.min(connections, total); c++) {
                all.add(new Connection(target.port(), selector));
            }
            idle.addAll(all);
            int next = 0;
            int inFlight = 0;
            long timeoutCheck = start;
            while (next < total || inFlight > 0) {
                long now = System.nanoTime();
                if (next < total && now - (start + (long) (next * interval)) > MAX_LAG_NANOS) {
                    unsent = total - next;
                    next = total;
                }
                for (long scheduled; next < total && (scheduled = start + (long) (next * interval)) <= now && !idle.isEmpty(); next++) {
                    Connection connection = idle.poll();
                    try {
                        connection.send(next, scheduled, requests.apply(next));
                        inFlight++;
                    } catch (IOException e) {
                        errors++;
                        sample(samples, e.toString());
                        connection.close();
                        idle.add(connection);
                    }
                }
                long untilNext = next < total && !idle.isEmpty() ? start + (long) (next * interval) - now : TimeUnit.MILLISECONDS.toNanos(10);
                selector.select(Math.max(1, (untilNext + 999_999) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    try {
                        Response response = connection.ready();
                        if (response == null) {
                            continue;
                        }
                        if (response.status() / 100 == 2) {
                            latencies[connection.slot] = System.nanoTime() - connection.scheduled;
                            connection.request.onAcknowledged().run();
                        } else {
                            errors++;
                            sample(samples, "HTTP " + response.status() + ": " + response.body());
                        }
                    } catch (IOException e) {
                        errors++;
                        sample(samples, e.toString());
                        connection.close();
                    }
                    inFlight--;
                    idle.add(connection);
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - timeoutCheck > TimeUnit.MILLISECONDS.toNanos(100)) {
                    timeoutCheck = System.nanoTime();
                    for (Connection connection : all) {
                        if (connection.busy() && timeoutCheck - connection.sent > RESPONSE_TIMEOUT_NANOS) {
                            errors++;
                            sample(samples, "no response within " + TimeUnit.NANOSECONDS.toSeconds(RESPONSE_TIMEOUT_NANOS) + " s");
                            connection.close();
                            inFlight--;
                            idle.add(connection);
                        }
                    }
                }
            }
            all.forEach(Connection::close);
        }
        long end = System.nanoTime();
        double generatorCores = (ticks(ProcessHandle.current().pid()) * SECONDS_PER_TICK - generatorBefore) / ((end - start) / 1e9);
        long[] measured = Arrays.stream(latencies, measureFrom, total).filter(l -> l >= 0).sorted().toArray();
        Stats stats = new Stats(rate, total - measureFrom, measured, errors, unsent,
                measured.length / ((end - (start + (long) (measureFrom * interval))) / 1e9), generatorCores);
        System.out.printf("%s %s: %,d/s for %d s%s: p99 %.1f ms, %,d errors%s%s%n", target.name(), phase, rate, seconds,
                warmup > 0 ? " after " + warmup + " s" : "", stats.ms(0.99), stats.errors(),
                stats.unsent() > 0 ? String.format(", stopped %.0f s behind schedule (%,d not sent)", MAX_LAG_NANOS / 1e9, stats.unsent()) : "",
                phase.equals("step") ? (stats.ok() ? " → good" : " → bad") : "");
        samples.forEach(error -> System.out.println("  error: " + error));
        return stats;
    }

    private static void sample(List<String> samples, String error) {
        if (samples.size() < 5) {
            samples.add(error.length() > 200 ? error.substring(0, 200) + "…" : error);
        }
    }

    /**
     * One phase's figures: latencies of the measured requests that got a 2xx (sorted), errors over the whole phase
     * (warm-up included), requests not sent, and the CPU the generator itself used, to tell its limit from the server's.
     */
    record Stats(int rate, int measured, long[] sorted, int errors, int unsent, double throughput, double generatorCores) {

        boolean ok() {
            return errors == 0 && unsent == 0 && sorted.length == measured && ms(0.99) < ACK_P99_LIMIT_MS;
        }

        int acknowledged() {
            return sorted.length;
        }

        double ms(double quantile) {
            return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }

        static void header(String what, String... more) {
            System.out.println();
            System.out.println("| " + what + " | offered | 2xx | errors | not sent | throughput | p50 ms | p99 ms | max ms | generator CPU |"
                    + Arrays.stream(more).map(column -> " " + column + " |").collect(Collectors.joining()));
            System.out.println("|---|---|---|---|---|---|---|---|---|---|" + "---|".repeat(more.length));
        }

        String row(String label) {
            return String.format("| %s | %,d/s | %,d | %,d | %,d | %,.0f/s | %.1f | %.1f | %.1f | %.0f %% |", label, rate, sorted.length, errors, unsent,
                    throughput, ms(0.50), ms(0.99), ms(1.0), generatorCores * 100);
        }
    }

    /** A request's bytes on the wire, and what to record when it is acknowledged. */
    record Request(byte[] bytes, Runnable onAcknowledged) {

        static Request post(String path, byte[] body, Runnable onAcknowledged, String... headers) {
            StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\nContent-Length: ").append(body.length).append("\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
            byte[] bytes = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, bytes, headBytes.length, body.length);
            return new Request(bytes, onAcknowledged);
        }

        static Request get(String path) {
            return new Request(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII), () -> { });
        }
    }

    /**
     * A response, parsed from the bytes received so far. Hand-written, like the client around it, because at thousands
     * of requests per second java.net.http spends more CPU than the servers it measures, on the same two cores; it
     * reads what Tomcat and the JDK server send: Content-Length or chunked bodies, {@code Connection: close}.
     */
    record Response(int status, String body, boolean reusable) {

        private static final byte[] CRLF = {'\r', '\n'};
        private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

        /** The response at the start of {@code data[0, length)}, or null while it is incomplete. */
        static Response parse(byte[] data, int length) {
            int head = find(data, 0, length, END_OF_HEAD);
            if (head < 0) {
                return null;
            }
            String[] lines = new String(data, 0, head, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].substring(9, 12));
            int contentLength = -1;
            boolean chunked = false;
            boolean reusable = true;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> reusable = !value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            int body = head + END_OF_HEAD.length;
            if (chunked) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                for (int position = body; ; ) {
                    int end = find(data, position, length, CRLF);
                    if (end < 0) {
                        return null;
                    }
                    int size = Integer.parseInt(new String(data, position, end - position, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
                    position = end + CRLF.length;
                    if (size == 0) {
                        // the last chunk, then trailers if any, then an empty line
                        return find(data, position - CRLF.length, length, END_OF_HEAD) < 0 ? null
                                : new Response(status, content.toString(StandardCharsets.UTF_8), reusable);
                    }
                    if (length < position + size + CRLF.length) {
                        return null;
                    }
                    content.write(data, position, size);
                    position += size + CRLF.length;
                }
            }
            if (contentLength >= 0) {
                return length < body + contentLength ? null : new Response(status, new String(data, body, contentLength, StandardCharsets.UTF_8), reusable);
            }
            // No length: the body would end when the server closes the connection. Not waited for, nor reused.
            return new Response(status, "", reusable && (status == 204 || status == 304));
        }

        private static int find(byte[] data, int from, int to, byte[] pattern) {
            for (int i = from; i + pattern.length <= to; i++) {
                if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** One keep-alive connection of {@link #load}'s selector, opened on first use: the request being sent, the response being read. */
    static final class Connection {

        private final int port;
        private final Selector selector;
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer out;
        private byte[] in = new byte[4096];
        private int received;
        int slot;
        long scheduled;
        long sent;
        Request request;
        private boolean waiting;

        Connection(int port, Selector selector) {
            this.port = port;
            this.selector = selector;
        }

        void send(int slot, long scheduled, Request request) throws IOException {
            if (channel == null) {
                channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                key = channel.register(selector, 0, this);
            }
            this.slot = slot;
            this.scheduled = scheduled;
            this.request = request;
            this.sent = System.nanoTime();
            received = 0;
            out = ByteBuffer.wrap(request.bytes());
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            waiting = true;
        }

        /** Goes on writing the request, or reads; the response once it is complete, else null. */
        Response ready() throws IOException {
            if (key.isWritable()) {
                channel.write(out);
                if (!out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                return null;
            }
            if (received == in.length) {
                in = Arrays.copyOf(in, in.length * 2);
            }
            int read = channel.read(ByteBuffer.wrap(in, received, in.length - received));
            if (read < 0) {
                throw new EOFException("connection closed before the whole response");
            }
            received += read;
            Response response = Response.parse(in, received);
            if (response != null) {
                waiting = false;
                key.interestOps(0);
                if (!response.reusable()) {
                    close();
                }
            }
            return response;
        }

        boolean busy() {
            return waiting;
        }

        void close() {
            waiting = false;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // nothing left to do with it
                }
                channel = null;
            }
        }
    }

    /** One request on a connection of its own, outside the load: readiness, set-up. */
    static Response exchange(int port, Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout((int) TimeUnit.NANOSECONDS.toMillis(RESPONSE_TIMEOUT_NANOS));
            socket.getOutputStream().write(request.bytes());
            byte[] in = new byte[4096];
            for (int received = 0; ; ) {
                if (received == in.length) {
                    in = Arrays.copyOf(in, in.length * 2);
                }
                int read = socket.getInputStream().read(in, received, in.length - received);
                if (read < 0) {
                    throw new EOFException("connection closed before the whole response");
                }
                received += read;
                Response response = Response.parse(in, received);
                if (response != null) {
                    return response;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- requests

    /** Signed {@code /ticolops} slash commands, a mix of read-only commands in one project channel. */
    static final class SlackCommands {

        private static final List<String> COMMANDS = List.of("help", "project info", "member list", "project list", "repo list", "help member add");

        private final int port;
        private final String channel = "CBENCH" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();

        SlackCommands(int port) {
            this.port = port;
        }

        /** Deploy commands answered 2xx, counted as they are acknowledged. */
        final AtomicInteger acknowledged = new AtomicInteger();

        void setUp() throws IOException {
            setUp("project create bench-" + Long.toString(System.nanoTime(), 36));
        }

        /** @return the reply's body */
        String setUp(String text) throws IOException {
            Response response = exchange(port, command(text, -1));
            if (response.status() != 200) {
                throw new IllegalStateException(text + " failed: " + response.status() + " " + response.body());
            }
            return response.body();
        }

        Request send(int n) {
            return command(COMMANDS.get(n % COMMANDS.size()), n);
        }

        private Request command(String text, int n) {
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
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            return Request.post("/slack/events", bytes, acknowledged::incrementAndGet, "Content-Type", "application/x-www-form-urlencoded",
                    "X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", "v0=" + hmac(SECRET, ("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * {@code users} members of one project, each with a personal token (made in chat, as people make theirs), sending
     * heartbeats, and activities on {@code files} files in directories of 100: every activity lands somewhere a few
     * others have been within the last minutes, so detection finds and updates conflicts all along.
     */
    static final class Presence {

        private static final Pattern TOKEN = Pattern.compile("tcp_[A-Za-z0-9_-]{43}");
        private static final String[] TYPES = {"coding", "coding", "reviewing", "testing"};

        private final Target target;
        private final int users;
        private final int files;
        private final List<String> tokens = new ArrayList<>();

        Presence(Target target, int users, int files) {
            this.target = target;
            this.users = users;
            this.files = files;
        }

        void setUp() throws IOException {
            String run = runId("presence");
            long start = System.nanoTime();
            console(target, run, "/ticolops project create " + run);
            for (int u = 0; u < users; u++) {
                String user = run + "-u" + u;
                console(target, run, "/ticolops member add @" + user);
                Matcher token = TOKEN.matcher(console(target, user, run, "/ticolops token create bench activity:write"));
                if (!token.find()) {
                    throw new IllegalStateException("token create showed no token for " + user);
                }
                tokens.add(token.group());
            }
            System.out.printf("%,d members with a token each, in %.0f s%n", users, (System.nanoTime() - start) / 1e9);
        }

        Request heartbeat(int n) {
            return Request.post("/api/v1/presence/heartbeat", new byte[0], () -> { }, "Authorization", "Bearer " + tokens.get(n % users));
        }

        /** Spread by two large primes, so that consecutive requests are different people on unrelated files. */
        Request activity(int n) {
            int file = (int) ((n * 104_729L) % files);
            String body = "{\"location\":\"src/m" + file / 100 + "/f" + file % 100 + ".py\",\"type\":\"" + TYPES[n % TYPES.length] + "\"}";
            return Request.post("/api/v1/activities", body.getBytes(StandardCharsets.UTF_8), () -> { }, "Content-Type", "application/json",
                    "Authorization", "Bearer " + tokens.get((int) ((n * 7_919L) % users)));
        }
    }

    /**
     * Webhook deliveries signed with the organisation / group webhook secret, each with a fresh delivery id (with
     * redeliveries on, every 20th request repeats the id of the one ten before it), and the ids that were acknowledged,
     * to reconcile with the rows the target stored.
     */
    static final class Webhooks {

        private final String run;
        private final List<Fixture> fixtures;
        private final boolean redeliver;
        private final String channel;
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final AtomicInteger redeliveries = new AtomicInteger();

        /** @param channel the console channel every delivery is announced in, or null when none is */
        Webhooks(String run, List<Fixture> fixtures, boolean redeliver, String channel) {
            this.run = run;
            this.fixtures = fixtures;
            this.redeliver = redeliver;
            this.channel = channel;
        }

        /** Requests of one phase; the phase names the ids so that every phase's deliveries are distinct. */
        IntFunction<Request> phase(String phase) {
            return n -> {
                boolean redelivery = redeliver && n % 20 == 19;
                int id = redelivery ? n - 10 : n;
                Fixture fixture = fixtures.get(id % fixtures.size());
                String deliveryId = run + "-" + phase + "-" + id;
                Runnable onAcknowledged = () -> {
                    acknowledged.add(deliveryId);
                    if (redelivery) {
                        redeliveries.incrementAndGet();
                    }
                };
                return fixture.gitlab()
                        ? Request.post("/webhooks/gitlab", fixture.body(), onAcknowledged, "Content-Type", "application/json",
                                "X-Gitlab-Event", fixture.event(), "Idempotency-Key", deliveryId, "X-Gitlab-Token", SECRET)
                        : Request.post("/webhooks/github", fixture.body(), onAcknowledged, "Content-Type", "application/json",
                                "X-GitHub-Event", fixture.event(), "X-GitHub-Delivery", deliveryId, "X-Hub-Signature-256", fixture.signature());
            };
        }

        /** Every acknowledged delivery id must be stored exactly once; a failed request may or may not have been. */
        Reconciled reconcile(Target target) throws IOException, InterruptedException {
            List<String> rows = target.database().query("select delivery_id from " + target.table() + " where delivery_id like '" + run + "-%'");
            Set<String> persisted = new HashSet<>(rows);
            long announced = channel == null ? -1 : Long.parseLong(target.database().query(
                    "select count(*) from console_messages where channel = '" + channel + "' and text like 'Codertocat %'").get(0));
            return new Reconciled(acknowledged.size(), rows.size(), persisted.size(), acknowledged.stream().filter(id -> !persisted.contains(id)).count(),
                    persisted.stream().filter(id -> !acknowledged.contains(id)).count(), redeliveries.get(), announced);
        }

        /** A signature is over the body alone, so one per fixture serves every delivery of it. */
        record Fixture(boolean gitlab, String event, byte[] body, String signature) {
        }

        /** GitHub's example push that opens a branch: 8,827 bytes, the size of a typical push delivery. */
        static Fixture push(String secret) throws IOException {
            byte[] body = Files.readAllBytes(fixturesDirectory().resolve("github-webhooks/push/with-new-branch.payload.json"));
            return new Fixture(false, "push", body, "sha256=" + hmac(secret, body));
        }

        /** The shared GitHub and GitLab fixtures, valid JSON only. */
        static List<Fixture> fixtures() throws IOException {
            Path root = fixturesDirectory();
            List<Fixture> all = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root.resolve("github-webhooks"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    byte[] body = Files.readAllBytes(file);
                    all.add(new Fixture(false, file.getParent().getFileName().toString(), body, "sha256=" + hmac(SECRET, body)));
                }
            }
            List<String> index = Files.readAllLines(root.resolve("gitlab-webhooks/index.tsv"));
            for (String line : index.subList(1, index.size())) {
                String[] row = line.split("\t");
                if (row[3].equals("yes")) {
                    all.add(new Fixture(true, row[1], Files.readAllBytes(root.resolve("gitlab-webhooks").resolve(row[0])), null));
                }
            }
            System.out.println("replaying " + all.size() + " fixtures from " + root);
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

    /** @param announced announcements of the step push in the scenario's console channel, or -1 when it has none */
    record Reconciled(int acknowledged, int rows, int distinct, long missing, long unacknowledged, int redeliveries, long announced) {

        String brief() {
            return String.format("%,d / %,d (%,d, %,d)", acknowledged, distinct, missing, rows - distinct)
                    + (announced < 0 ? "" : String.format("; %,d announced", announced));
        }

        void print() {
            System.out.println();
            System.out.println("| acknowledged delivery ids | rows persisted | distinct ids persisted | acknowledged but missing | persisted without a 2xx | redeliveries acknowledged |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.printf("| %,d | %,d | %,d | %,d | %,d | %,d |%n", acknowledged, rows, distinct, missing, unacknowledged, redeliveries);
            System.out.println(missing == 0 && rows == distinct ? "every acknowledged delivery is persisted exactly once" : "MISMATCH between acknowledged and persisted deliveries");
        }
    }

    private static String hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- servers

    /**
     * A server under test: its JVM, the embedded PostgreSQL it writes to (one for both targets), its deliveries table,
     * and whether it has work after the ack (Ticolops: Spring Modulith's event publications).
     */
    record Target(String name, int port, Process process, Database database, String table, boolean hasBacklog) {

        /**
         * CPU used so far by the JVM's process tree and by PostgreSQL's (the postmaster and its backends; a backend
         * that exited is in the postmaster's children's times), kept apart when the postmaster is a descendant.
         */
        Cpu cpu() {
            Set<Long> postgres = tree(database.postmaster());
            Set<Long> jvm = tree(process.pid());
            jvm.removeAll(postgres);
            return new Cpu(jvm.stream().mapToLong(Load::ticks).sum() * SECONDS_PER_TICK, postgres.stream().mapToLong(Load::ticks).sum() * SECONDS_PER_TICK);
        }

        /** The server's histogram {@code metric}, as Prometheus's cumulative buckets: upper bound in seconds, then count. */
        java.util.TreeMap<Double, Long> histogram(String metric) throws IOException, InterruptedException {
            var scrape = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + METRICS_TOKEN).build();
            String body = java.net.http.HttpClient.newHttpClient().send(scrape, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            java.util.TreeMap<Double, Long> buckets = new java.util.TreeMap<>();
            Matcher bucket = Pattern.compile("^" + metric + "_bucket\\{.*le=\"([^\"]+)\".*} (\\S+)$", Pattern.MULTILINE).matcher(body);
            while (bucket.find()) {
                buckets.put(bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1)),
                        (long) Double.parseDouble(bucket.group(2)));
            }
            return buckets;
        }

        String memory() throws IOException {
            Map<String, Long> kilobytes = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:") || line.startsWith("VmHWM:"))
                    .collect(Collectors.toMap(line -> line.substring(0, 5), line -> Long.parseLong(line.replaceAll("[^0-9]", ""))));
            return String.format("%,d MB (%,d MB)", kilobytes.get("VmRSS") / 1024, kilobytes.get("VmHWM") / 1024);
        }
    }

    /**
     * Publications pending before a phase (left over, perhaps stuck), when its load stopped, and when the wait for them
     * ended; failed ones then; the seconds waited.
     */
    record Drain(long before, long atEnd, long left, long failed, double seconds) {

        boolean keptUp() {
            return left <= before && seconds <= KEPT_UP_SECONDS;
        }

        @Override
        public String toString() {
            long backlog = Math.max(0, atEnd - before);
            return (backlog == 0 ? "none" : left <= before ? String.format("%,d, gone in %.1f s", backlog, seconds)
                    : String.format("%,d, %,d left after %.0f s", backlog, left - before, seconds))
                    + (before > 0 ? String.format(" (%,d pending from before)", before) : "") + (failed > 0 ? String.format(", %,d failed", failed) : "");
        }
    }

    record Cpu(double jvm, double postgres) {

        Cpu minus(Cpu earlier) {
            return new Cpu(jvm - earlier.jvm, postgres - earlier.postgres);
        }

        double total() {
            return jvm + postgres;
        }

        String per(int requests) {
            return String.format("%.2f ms (JVM %.2f + PostgreSQL %.2f)", total() * 1e3 / requests, jvm * 1e3 / requests, postgres * 1e3 / requests);
        }
    }

    private static Set<Long> tree(long pid) {
        Set<Long> pids = new HashSet<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(process -> process.descendants().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    /** utime + stime + cutime + cstime from /proc/pid/stat (fields 14 to 17; the name in field 2 may hold spaces). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (NoSuchFileException e) {
            return 0; // exited since it was listed: its parent has its times once it is reaped
        } catch (IOException e) {
            if ("No such process".equals(e.getMessage())) {
                return 0; // exited while its file was being read: the same
            }
            throw new IllegalStateException(e);
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The embedded PostgreSQL under TICOLOPS_HOME (its port and pid from postmaster.pid), queried with psql. */
    static final class Database {

        private final long postmaster;
        private final int port;

        Database(Path home) throws IOException {
            List<String> pidFile = Files.readAllLines(home.resolve("postgres/postmaster.pid"));
            postmaster = Long.parseLong(pidFile.get(0).trim());
            port = Integer.parseInt(pidFile.get(3).trim());
        }

        long postmaster() {
            return postmaster;
        }

        int port() {
            return port;
        }

        String describe() throws IOException, InterruptedException {
            String[] settings = query("select current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')").get(0).split("\\|");
            return String.format("embedded PostgreSQL %s on port %d: fsync=%s, synchronous_commit=%s", settings[0], port, settings[1], settings[2]);
        }

        /**
         * The work after the ack still to do (publications not completed, activities waiting for conflict detection), and
         * the publications that failed (they wait for a resubmission, so they are not pending).
         */
        long[] backlog() throws IOException, InterruptedException {
            String[] counts = query("select count(*) filter (where completion_date is null and status is distinct from 'FAILED') "
                    + "+ (select count(*) from conflict_detection_queue), count(*) filter (where status = 'FAILED') from event_publication").get(0).split("\\|");
            return new long[] {Long.parseLong(counts[0]), Long.parseLong(counts[1])};
        }

        /**
         * Polls until the publications pending are back to {@code before}, giving up after the timeout, or once the
         * count has not moved for 10 s (a listener that failed leaves its publication for the staleness check).
         */
        Drain drain(long before, double timeoutSeconds) throws IOException, InterruptedException {
            long start = System.nanoTime();
            long[] atEnd = backlog();
            long[] now = atEnd;
            long moved = start;
            while (now[0] > before && System.nanoTime() - start < timeoutSeconds * 1e9 && System.nanoTime() - moved < TimeUnit.SECONDS.toNanos(10)) {
                Thread.sleep(200);
                long[] polled = backlog();
                if (polled[0] != now[0]) {
                    moved = System.nanoTime();
                }
                now = polled;
            }
            return new Drain(before, atEnd[0], now[0], now[1], (System.nanoTime() - start) / 1e9);
        }

        List<String> query(String sql) throws IOException, InterruptedException {
            Process psql = new ProcessBuilder("psql", "-X", "-h", "localhost", "-p", Integer.toString(port), "-U", "postgres", "-d", "postgres",
                    "-At", "-v", "ON_ERROR_STOP=1", "-c", sql).redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (psql.waitFor() != 0) {
                throw new IllegalStateException("psql failed on " + sql + ": " + output.trim());
            }
            return output.lines().toList();
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

    /**
     * GitHub's REST API as far as connecting {@link #DEPLOY_REPOSITORY} with a token and deploying it through the
     * Deployments API need, each answer after {@code latencyMillis}.
     */
    private static HttpServer fakeGitHub(int latencyMillis, AtomicInteger deploymentsCreated) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", FAKE_GITHUB_PORT), 500);
        String base = "http://localhost:" + FAKE_GITHUB_PORT;
        String repo = "/repos/" + DEPLOY_REPOSITORY;
        String commit = """
                {"sha": "3333333333333333333333333333333333333333", "html_url": "https://github.com/%s/commit/3333333", "commit": {"message": "Ship it",
                 "author": {"name": "Bench", "email": "bench@example.com", "date": "2026-11-30T10:00:00Z"}}}""".formatted(DEPLOY_REPOSITORY);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String json;
            if (path.equals("/user")) {
                json = "{\"login\": \"bench\", \"id\": 1, \"type\": \"User\"}";
            } else if (path.equals(repo)) {
                json = """
                        {"id": 42, "name": "shop", "full_name": "%s", "owner": {"login": "bench", "id": 1, "type": "Organization"}, "private": false,
                         "html_url": "https://github.com/%s", "url": "%s%s", "default_branch": "main", "permissions": {"admin": true, "push": true, "pull": true}}"""
                        .formatted(DEPLOY_REPOSITORY, DEPLOY_REPOSITORY, base, repo);
            } else if (method.equals("POST") && path.equals(repo + "/hooks")) {
                status = 201;
                json = "{\"type\": \"Repository\", \"id\": 4242, \"name\": \"web\", \"active\": true, \"events\": [\"push\"], \"config\": {}}";
            } else if (path.startsWith(repo + "/commits/")) {
                json = commit;
            } else if (path.equals(repo + "/commits")) {
                json = "[" + commit + "]";
            } else if (path.startsWith(repo + "/compare/")) {
                json = "{\"status\": \"ahead\", \"ahead_by\": 1, \"behind_by\": 0, \"total_commits\": 1, \"commits\": [" + commit + "]}";
            } else if (method.equals("POST") && path.equals(repo + "/deployments")) {
                status = 201;
                int id = deploymentsCreated.incrementAndGet();
                json = """
                        {"id": %d, "url": "%s%s/deployments/%d", "sha": "3333333333333333333333333333333333333333", "ref": "main", "task": "deploy",
                         "environment": "bench", "creator": {"login": "bench", "id": 1}, "created_at": "2026-12-01T12:00:00Z",
                         "updated_at": "2026-12-01T12:00:00Z"}""".formatted(id, base, repo, id);
            } else if (path.startsWith(repo + "/contents")) {
                json = "[]";
            } else {
                status = 404;
                json = "{\"message\": \"Not Found\"}";
            }
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        // Every request sleeps through its latency: enough threads that GitHub's latency is all a caller waits for.
        server.setExecutor(Executors.newFixedThreadPool(200));
        server.start();
        return server;
    }

    private static Path jar() {
        Path jar = Path.of("bot/target/ticolops.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build it first: ./mvnw -q -DskipTests package");
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Process startServer(int port, Path home, boolean slack, boolean github) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
        // For profiling the server alone, e.g. BENCH_SERVER_JAVA_OPTIONS=-XX:StartFlightRecording=filename=/tmp/server.jfr
        String extra = System.getenv("BENCH_SERVER_JAVA_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("TICOLOPS_HOME", home.toString());
        env.put("TICOLOPS_METRICS_TOKEN", METRICS_TOKEN);
        env.put("TICOLOPS_GITHUB_WEBHOOK_SECRET", SECRET);
        env.put("TICOLOPS_GITLAB_WEBHOOK_SECRET", SECRET);
        if (github) {
            env.put("TICOLOPS_GITHUB_API_URL", "http://localhost:" + FAKE_GITHUB_PORT);
        }
        if (slack) {
            env.put("TICOLOPS_SLACK_BOT_TOKEN", "xoxb-benchmark");
            env.put("TICOLOPS_SLACK_SIGNING_SECRET", SECRET);
            env.put("TICOLOPS_SLACK_API_URL", "http://localhost:" + FAKE_SLACK_PORT + "/api/");
        }
        System.out.println("starting Ticolops on port " + port + ", log in " + home.resolve("server.log"));
        return builder.start();
    }

    /**
     * Starts {@code benchmarks/Baseline.java} with the PostgreSQL driver Ticolops itself ships, taken out of its jar,
     * and waits until it listens (it creates its table before it binds the port).
     */
    private static Process startBaseline(int port, Path home, Database database) throws IOException, InterruptedException {
        Path driver = home.resolve("postgresql.jar");
        try (ZipFile zip = new ZipFile(jar().toFile())) {
            var entry = zip.stream().filter(e -> e.getName().matches("BOOT-INF/lib/postgresql-[0-9.]+\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL driver in " + jar()));
            Files.copy(zip.getInputStream(entry), driver, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = home.resolve("baseline.log");
        Process baseline = new ProcessBuilder(java(), "-Xmx512m", "-cp", driver.toString(), "benchmarks/Baseline.java", Integer.toString(port),
                Integer.toString(database.port()), SECRET).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        System.out.println();
        System.out.println("starting the baseline on port " + port + ", log in " + log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && baseline.isAlive()) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return baseline;
            } catch (IOException e) {
                Thread.sleep(100); // not listening yet
            }
        }
        baseline.destroy();
        throw new IllegalStateException("the baseline did not start: " + Files.readString(log));
    }

    private static void awaitReady(int port, Process server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                if (exchange(port, Request.get("/actuator/health/readiness")).status() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("localhost:" + port + " did not become ready (see the server log)");
    }

    /** {@code --name value} pairs, and {@code --name} alone for a flag. */
    static final class Options {

        private final Map<String, String> values = new LinkedHashMap<>();

        Options(String[] args) {
            for (int i = 1; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --name [value], got " + args[i]);
                }
                boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
                values.put(args[i].substring(2), flag ? "true" : args[++i]);
            }
        }

        int integer(String name, int otherwise) {
            return Integer.parseInt(values.getOrDefault(name, Integer.toString(otherwise)));
        }

        String text(String name, String otherwise) {
            return values.getOrDefault(name, otherwise);
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(values.get(name));
        }
    }
}
