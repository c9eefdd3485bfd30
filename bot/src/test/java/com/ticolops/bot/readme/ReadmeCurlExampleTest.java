package com.ticolops.bot.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.TicolopsApplication;
import com.ticolops.bot.testsupport.Ticolops;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the README's "Try it with curl" block with bash, curl, openssl and python3, as a newcomer would paste it, against
 * a Ticolops started as the README starts it (embedded PostgreSQL of its own, so its project and repository names are
 * free). Only the port differs from the README's.
 */
class ReadmeCurlExampleTest {

    private static final String README_ADDRESS = "localhost:8080";

    @TempDir
    Path home;

    @Test
    void theReadmesCurlExampleConnectsARepositoryAndItsSignedPushIsAnnouncedAsTheReadmeSays() throws Exception {
        String section = Readme.section("## Try it with curl");
        List<String> blocks = Readme.codeBlocks(section, "sh");
        assertThat(blocks).as("the curl example's sh block").hasSize(1);
        String script = blocks.get(0);
        assertThat(script).contains(README_ADDRESS, "X-Hub-Signature-256");
        String announced = quotedAnnouncement(script);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TicolopsApplication.class)
                .properties(Map.of("ticolops.home", home.toString())).run("--server.port=0")) {
            String port = app.getEnvironment().getProperty("local.server.port");

            String output = bash(script.replace(README_ADDRESS, "localhost:" + port));

            assertThat(output).as("what the example printed").contains("\"status\":\"accepted\"").doesNotContain("\"error\"");
            Ticolops ticolops = new Ticolops(Integer.parseInt(port));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts("general")).contains(announced));
        }
    }

    /** The README tells what the channel then shows, in its last comment; that is what the test expects. */
    private static String quotedAnnouncement(String script) {
        Matcher comment = Pattern.compile("# the announcement is in the channel: \"([^\"]+)\"").matcher(script);
        assertThat(comment.find()).as("the example's comment quoting the announcement").isTrue();
        return comment.group(1);
    }

    private static String bash(String script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script).redirectErrorStream(true).start();
        boolean finished = bash.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            bash.destroyForcibly().waitFor();
        }
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("the example finished within 60 s; it printed:\n%s", output).isTrue();
        assertThat(bash.exitValue()).as("the example's exit status; it printed:\n%s", output).isZero();
        return output;
    }
}
