package com.ticolops.bot.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitLab's documented payload examples, read from the workspace's {@code shared/fixtures/gitlab-webhooks} (never copied into
 * the project), each sent with the header its index gives: what we act on, what we store and ignore on purpose, and the
 * two examples GitLab published as invalid JSON, which are refused with 400. None may give a 5xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ticolops.gitlab.webhook-secret=" + GitLabWebhookConformanceTest.GROUP_SECRET)
class GitLabWebhookConformanceTest {

    static final String GROUP_SECRET = "conformance-group-webhook-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Turned into a domain event and announced in the project's channel. */
    private static final List<String> ANNOUNCED = List.of("push.json", "tag-push.json", "merge-request.json", "issue.json", "note-commit.json",
            "note-merge-request.json", "note-issue.json", "note-snippet.json", "pipeline.json", "deployment.json");
    /**
     * Stored and ignored on purpose: wiki pages, feature flags, milestones, emoji, access tokens, vulnerabilities, and
     * group-level member, project and subgroup events are no subscribable feature (and the group events name no project).
     */
    private static final List<String> IGNORED = List.of("wiki-page.json", "feature-flag.json", "milestone.json", "emoji.json",
            "access-token-project.json", "access-token-group.json", "vulnerability.json", "group-member-add.json", "group-member-update.json",
            "group-member-remove.json", "group-member-access-request.json", "group-member-access-request-denied.json", "project-create.json",
            "project-delete.json", "subgroup-create.json", "subgroup-remove.json");
    /** Not valid JSON as GitLab published them (comments, a trailing comma), so refused; GitLabPayloadsTest reads releases of our own. */
    private static final List<String> MALFORMED = List.of("job.json", "release.json");

    @LocalServerPort
    int port;

    @Test
    void everyGitLabFixtureIsActedOnIgnoredOnPurposeOrRefusedAsMalformed() throws IOException {
        Ticolops ticolops = new Ticolops(port);
        Path directory = ConformanceFixtures.directory("gitlab-webhooks");
        List<String[]> index = Files.readAllLines(directory.resolve("index.tsv")).stream().skip(1).map(line -> line.split("\t")).toList();
        assertThat(index).as("fixtures listed in index.tsv").hasSizeGreaterThanOrEqualTo(28);
        Map<String, Connected> connected = new HashMap<>();
        Map<String, Integer> expectedAnnouncements = new HashMap<>();
        SoftAssertions softly = new SoftAssertions();

        for (String[] row : index) {
            String file = row[0];
            String event = row[1];
            String body = Files.readString(directory.resolve(file));
            Optional<String> project = projectPath(body);
            String token = project.map(path -> connected.computeIfAbsent(path, p -> connect(ticolops, p)).token()).orElse(GROUP_SECRET);

            Ticolops.Response response = ticolops.gitLabDelivery(event, UUID.randomUUID().toString(), body.getBytes(), token);

            if (MALFORMED.contains(file)) {
                softly.assertThat(response.status()).as("%s: %s", file, response.body()).isEqualTo(400);
            } else if (ANNOUNCED.contains(file)) {
                softly.assertThat(response.status()).as("%s: %s", file, response.body()).isEqualTo(202);
                softly.assertThat(response.body().path("status").asString()).as(file).isEqualTo("accepted");
                expectedAnnouncements.merge(connected.get(project.orElseThrow()).channel(), 1, Integer::sum);
            } else {
                softly.assertThat(IGNORED).as("%s is neither announced nor listed as ignored on purpose", file).contains(file);
                softly.assertThat(response.status()).as("%s: %s", file, response.body()).isEqualTo(202);
                softly.assertThat(response.body().path("status").asString()).as(file + " is stored and ignored on purpose").isEqualTo("stored");
            }
        }
        softly.assertAll();

        // Each channel also holds the project-created reply and the repository-connected announcement. A pull request's
        // or issue's later state changes edit its message in place, so every announcement is a message or an edit.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> expectedAnnouncements.forEach((channel, count) ->
                assertThat(ticolops.channelChanges(channel)).as(channel).isEqualTo(2 + count)));
    }

    /** The project a delivery is about, as GitLab names it; group events and the malformed examples have none. */
    private static Optional<String> projectPath(String body) {
        try {
            return Optional.ofNullable(JSON.readTree(body).path("project").path("path_with_namespace").asString(null));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private record Connected(String channel, String token) {
    }

    private static Connected connect(Ticolops ticolops, String path) {
        String channel = Names.unique("conformance");
        ticolops.command("conformance", channel, "project create " + Names.unique("conformance"));
        return new Connected(channel, ticolops.connectGitLab("conformance", channel, path));
    }
}
