package com.ticolops.bot.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Installs the README's git hook as post-commit and post-checkout in a fresh repository, with a token made in chat, and
 * commits and switches branches as a developer would: {@code who} then shows what they work on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeGitHookTest {

    @LocalServerPort
    int port;

    @TempDir
    Path repository;

    @Test
    void theReadmesGitHookReportsTheCommittedFilesAndTheBranchSwitchedTo() throws Exception {
        List<String> blocks = Readme.codeBlocks(Readme.section("### Feed it from a git hook"), "sh");
        assertThat(blocks).as("the git hook's sh block").hasSize(1);
        Ticolops ticolops = new Ticolops(port);
        String alice = Names.unique("alice");
        String channel = Names.unique("general");
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        String token = ticolops.command(alice, channel, "token create laptop-hook activity:write").field("Token");
        Map<String, String> environment = Map.of("TICOLOPS_URL", "http://localhost:" + port, "TICOLOPS_TOKEN", token);
        git(environment, "init", "-q", "-b", "main");
        git(environment, "remote", "add", "origin", "git@github.com:octo-org/shop.git");
        for (String hook : List.of("post-commit", "post-checkout")) {
            Path file = repository.resolve(".git/hooks/" + hook);
            Files.writeString(file, blocks.get(0));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        Files.createDirectories(repository.resolve("src/billing"));
        Files.writeString(repository.resolve("src/billing/invoice.py"), "total = 0\n");
        git(environment, "add", ".");
        git(environment, "commit", "-q", "-m", "Invoices");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.command(alice, channel, "who").all())
                .containsPattern("@" + alice + " — online — coding src/billing/invoice.py on main since \\d\\d:\\d\\d UTC"));

        git(environment, "checkout", "-q", "-b", "tax");
        Files.writeString(repository.resolve("src/billing/tax.py"), "rate = 0.19\n");
        git(environment, "add", ".");
        git(environment, "commit", "-q", "-m", "Tax");
        git(environment, "checkout", "-q", "main");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.command(alice, channel, "who").all())
                .as("after switching back to main, the file that differs from tax").containsPattern("coding src/billing/tax.py on main since"));
    }

    private void git(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putAll(Map.of("GIT_AUTHOR_NAME", "Alice", "GIT_AUTHOR_EMAIL", "alice@example.com",
                "GIT_COMMITTER_NAME", "Alice", "GIT_COMMITTER_EMAIL", "alice@example.com", "HOME", repository.toString()));
        Process git = builder.start();
        boolean finished = git.waitFor(30, TimeUnit.SECONDS);
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("git %s finished; it printed %s", String.join(" ", arguments), output).isTrue();
        assertThat(git.exitValue()).as("git %s; it printed %s", String.join(" ", arguments), output).isZero();
        assertThat(output).as("what git and the hook printed").doesNotContain("curl:");
    }
}
