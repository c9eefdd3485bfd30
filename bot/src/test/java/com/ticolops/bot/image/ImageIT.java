package com.ticolops.bot.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.db.test.SharedTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The image Jib wrote ({@code -Pimage}): what its config declares, and Ticolops run from its own files. */
class ImageIT {

    private static final Path TAR = Path.of("target/ticolops-image.tar");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode manifest;
    private static JsonNode config;

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(TAR).as("built by the image profile's package phase").exists();
        Path image = Files.createDirectories(unpacked.resolve("image"));
        run(List.of("tar", "-xf", TAR.toAbsolutePath().toString(), "-C", image.toString()));
        manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(image.resolve(manifest.path("Config").asString()).toFile()).path("config");
    }

    @Test
    void itRunsAsANonRootUserOnPort8080WithItsHomeOnAVolumeAndOciLabels() {
        assertThat(config.path("User").asString()).isEqualTo("65532:65532");
        assertThat(JSON.convertValue(config.path("Entrypoint"), List.class))
                .containsExactly("java", "-cp", "@/app/jib-classpath-file", "com.ticolops.bot.TicolopsApplication");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.path("Volumes").has("/var/lib/ticolops")).isTrue();
        assertThat(JSON.convertValue(config.path("Env"), List.class)).contains("TICOLOPS_HOME=/var/lib/ticolops", "PATH=/opt/java/bin");
        JsonNode labels = config.path("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asString()).isEqualTo("Ticolops");
        assertThat(labels.path("org.opencontainers.image.version").asString()).isNotBlank();
        assertThat(labels.path("org.opencontainers.image.source").asString()).startsWith("https://");
        // Jib's layers: dependencies, the project's modules, resources and classes apart, so a change of code moves one small layer
        assertThat(manifest.path("Layers").size()).isGreaterThanOrEqualTo(4);
    }

    /** The Dockerfile beside the project builds the same image on a registry's base: kept equivalent by this test. */
    @Test
    void theDockerfileDeclaresWhatTheJibImageHas() throws IOException {
        String dockerfile = Files.readString(Path.of("../Dockerfile")).replace("\\\n", " ");
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));

        assertThat(runtime).containsPattern("(?m)^USER " + Pattern.quote(config.path("User").asString()) + "$");
        config.path("ExposedPorts").propertyNames().forEach(port -> assertThat(runtime).containsPattern("(?m)^EXPOSE " + port.replace("/tcp", "") + "$"));
        config.path("Volumes").propertyNames().forEach(volume -> assertThat(runtime).containsPattern("(?m)^VOLUME " + Pattern.quote(volume) + "$"));
        assertThat(runtime).containsPattern("(?m)^ENV TICOLOPS_HOME=/var/lib/ticolops$");
        Matcher label = Pattern.compile("(org\\.opencontainers\\.image\\.[a-z]+)=\"([^\"]*)\"").matcher(runtime);
        Map<String, String> labels = new java.util.TreeMap<>();
        while (label.find()) {
            labels.put(label.group(1), label.group(2).replace("${VERSION}", config.path("Labels").path("org.opencontainers.image.version").asString()));
        }
        Map<String, String> jib = new java.util.TreeMap<>(JSON.convertValue(config.path("Labels"), Map.class));
        assertThat(labels).isEqualTo(jib);
    }

    /**
     * The layers unpacked into a root, and Ticolops started from it in a chroot as the image's user, against a database
     * of its own: readiness answers 200. A container runtime does the same with these files; this machine has none.
     */
    @Test
    void ticolopsStartsFromTheImagesFilesAsItsUserAndBecomesReady() throws Exception {
        Assumptions.assumeTrue("0".equals(output(List.of("id", "-u")).strip()) && Files.isExecutable(Path.of("/usr/bin/unshare"))
                        && Files.isExecutable(Path.of("/usr/sbin/chroot")),
                "WARNING IMAGE RUN SKIPPED: running the image's files needs root, unshare and chroot (a chroot with its own /proc)");
        Path root = Files.createDirectories(unpacked.resolve("root"));
        for (JsonNode layer : manifest.path("Layers")) {
            run(List.of("tar", "-xzf", unpacked.resolve("image").resolve(layer.asString()).toString(), "-C", root.toString()));
        }
        Files.createDirectories(root.resolve("proc"));
        // What a container runtime mounts into every container: /etc/hosts naming the host.
        Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost " + output(List.of("hostname")).strip() + "\n");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "--mount-proc=" + root.resolve("proc"),
                "/usr/sbin/chroot", "--userspec=" + config.path("User").asString(), root.toString()));
        command.addAll(JSON.convertValue(config.path("Entrypoint"), List.class));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(unpacked.resolve("ticolops.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        for (JsonNode variable : config.path("Env")) {
            String[] pair = variable.asString().split("=", 2);
            env.put(pair[0], pair[1]);
        }
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SPRING_DATASOURCE_URL", SharedTestDatabase.newDatabase());
        env.put("SPRING_DATASOURCE_USERNAME", SharedTestDatabase.username());
        env.put("TICOLOPS_CRYPTO_KEY", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
        env.put("JAVA_TOOL_OPTIONS", "-Xmx384m");
        Process ticolops = builder.start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(ticolops.isAlive()).as(() -> "Ticolops exited: " + log()).isTrue();
                return new Ticolops(port).readiness() == 200;
            });
        } finally {
            // unshare ignores SIGTERM while its child runs: Ticolops (the child) is told to stop, and unshare ends with it.
            ticolops.descendants().forEach(ProcessHandle::destroy);
            if (!ticolops.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                ticolops.descendants().forEach(ProcessHandle::destroyForcibly);
                ticolops.destroyForcibly().waitFor();
            }
        }
    }

    private static String log() {
        try {
            return Files.readString(unpacked.resolve("ticolops.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readAllBytes());
            process.waitFor();
            return text;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
