package com.ticolops.bot.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub's published payload examples, read from the workspace's {@code shared/fixtures/github-webhooks} (never copied into
 * the project): every one, signed for a connected repository, is acknowledged, and each is either turned into a domain
 * event and announced ({@link #ANNOUNCED}), turned into a domain event that announces nothing ({@link #FOLLOWED}), or
 * stored and ignored on purpose ({@link #IGNORED}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ticolops.github.webhook-secret=" + GitHubWebhookConformanceTest.APP_SECRET)
class GitHubWebhookConformanceTest {

    static final String APP_SECRET = "conformance-app-webhook-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Event folder → the fixture files in it that become domain events and are announced ("" = every file). */
    private static final Map<String, List<String>> ANNOUNCED = Map.ofEntries(
            Map.entry("push", List.of("")),
            Map.entry("pull_request", List.of("")),
            Map.entry("issues", List.of("")),
            Map.entry("commit_comment", List.of("")),
            Map.entry("deployment_status", List.of("")),
            Map.entry("pull_request_review", List.of("submitted.")),
            Map.entry("issue_comment", List.of("created.")),
            Map.entry("pull_request_review_comment", List.of("created.")),
            Map.entry("workflow_run", List.of("completed.")),
            Map.entry("release", List.of("published.")),
            // completed.1 is GitHub Actions' own check suite: its workflow_run is the one announced.
            Map.entry("check_suite", List.of("completed.payload.json", "completed.with-organization.payload.json")));
    /**
     * Event folder → the fixture files in it that become domain events a deployment follows but nobody announces: a run
     * requested (CiRunChanged; the deployment it belongs to, if any, moves on it).
     */
    private static final Map<String, List<String>> FOLLOWED = Map.of("workflow_run", List.of("requested."));
    /** Everything else, stored and acknowledged but not acted on, and why. */
    private static final Map<String, String> IGNORED = Map.ofEntries(
            Map.entry("pull_request_review", "dismissed reviews: the review itself was announced"),
            Map.entry("issue_comment", "edited and deleted comments"),
            Map.entry("pull_request_review_comment", "edited and deleted comments"),
            Map.entry("release", "created (drafts), edited, deleted, prereleased and released: published covers them once"),
            Map.entry("check_suite", "suites requested or rerequested, and GitHub Actions' suites (announced as workflow runs)"),
            Map.entry("check_run", "single checks: their suite or workflow run is announced"),
            Map.entry("workflow_job", "single jobs: their workflow run is announced"),
            Map.entry("status", "commit statuses: not yet a feature"),
            Map.entry("deployment", "deployments created: their statuses are announced"),
            Map.entry("create", "branches and tags created: the push is announced"),
            Map.entry("delete", "branches and tags deleted: the push is announced"),
            Map.entry("installation", "GitHub App installations"),
            Map.entry("installation_repositories", "GitHub App installations"),
            Map.entry("member", "collaborators: not a subscribable feature"),
            Map.entry("repository", "repository settings: not a subscribable feature"),
            Map.entry("ping", "answered with pong"));

    @LocalServerPort
    int port;

    @Test
    void everyGitHubFixtureIsAcknowledgedAndEitherAnnouncedOrIgnoredOnPurpose() throws IOException {
        Ticolops ticolops = new Ticolops(port);
        List<Path> fixtures = fixtures();
        Map<String, Connected> connected = new HashMap<>();
        Map<String, Integer> expectedAnnouncements = new HashMap<>();
        Map<String, Instant> latestStateShown = new HashMap<>();
        Map<String, Integer> notApplied = new HashMap<>();
        SoftAssertions softly = new SoftAssertions();

        for (Path fixture : fixtures) {
            String event = fixture.getParent().getFileName().toString();
            byte[] body = Files.readAllBytes(fixture);
            Optional<String> repository = Optional.ofNullable(JSON.readTree(body).path("repository").path("full_name").asString(null));
            String secret = repository.map(name -> connected.computeIfAbsent(name, n -> connect(ticolops, n)).secret()).orElse(APP_SECRET);

            Ticolops.Response response = ticolops.gitHubDelivery(event, UUID.randomUUID().toString(), body, secret);

            softly.assertThat(response.status()).as("%s: %s", fixture, response.body()).isBetween(200, 299);
            if (announced(event, fixture.getFileName().toString())) {
                softly.assertThat(response.body().path("status").asString()).as("%s is turned into a domain event", fixture).isEqualTo("accepted");
                softly.assertThat(repository).as("%s names its repository", fixture).isPresent();
                repository.ifPresent(name -> expectedAnnouncements.merge(connected.get(name).channel(), 1, Integer::sum));
                if (olderThanTheStateShown(event, JSON.readTree(body), latestStateShown)) {
                    repository.ifPresent(name -> notApplied.merge(connected.get(name).channel(), 1, Integer::sum));
                }
            } else if (followed(event, fixture.getFileName().toString())) {
                softly.assertThat(response.body().path("status").asString()).as("%s is turned into a domain event", fixture).isEqualTo("accepted");
            } else {
                softly.assertThat(IGNORED).as("%s is neither announced nor listed as ignored on purpose", fixture).containsKey(event);
                softly.assertThat(response.body().path("status").asString()).as("%s is stored and ignored on purpose", fixture).isIn("stored", "pong");
            }
        }
        softly.assertAll();

        assertThat(expectedAnnouncements.values().stream().mapToInt(Integer::intValue).sum()).as("announced fixtures").isGreaterThan(80);
        // Each channel also holds the project-created reply and the repository-connected announcement. A pull request's
        // or issue's later state changes edit its message in place, so every announcement is a message or an edit, but for
        // the pull request states older than the one already shown.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> expectedAnnouncements.forEach((channel, count) ->
                assertThat(ticolops.channelChanges(channel)).as(channel).isEqualTo(2 + count - notApplied.getOrDefault(channel, 0))));
    }

    /**
     * The fixtures of one pull request are sent in file order, not in the order of their {@code updated_at}: a state
     * change older than the one its message already shows is not applied (see PullRequestOrderTest), so it changes
     * nothing in the channel. The actions are those that update the pull request's message in place.
     */
    private static boolean olderThanTheStateShown(String event, JsonNode payload, Map<String, Instant> latestStateShown) {
        String updatedAt = payload.path("pull_request").path("updated_at").asString(null);
        if (!"pull_request".equals(event) || updatedAt == null
                || !Set.of("opened", "reopened", "closed", "ready_for_review", "converted_to_draft").contains(payload.path("action").asString())) {
            return false;
        }
        String pullRequest = payload.path("repository").path("full_name").asString() + "#" + payload.path("number").asInt();
        Instant at = Instant.parse(updatedAt);
        Instant shown = latestStateShown.merge(pullRequest, at, (a, b) -> a.isAfter(b) ? a : b);
        return at.isBefore(shown);
    }

    private static boolean announced(String event, String file) {
        return ANNOUNCED.getOrDefault(event, List.of()).stream().anyMatch(file::startsWith);
    }

    private static boolean followed(String event, String file) {
        return FOLLOWED.getOrDefault(event, List.of()).stream().anyMatch(file::startsWith);
    }

    private record Connected(String channel, String secret) {
    }

    private static Connected connect(Ticolops ticolops, String repository) {
        String channel = Names.unique("conformance");
        ticolops.command("conformance", channel, "project create " + Names.unique("conformance"));
        return new Connected(channel, ticolops.connectGitHub("conformance", channel, repository));
    }

    private static List<Path> fixtures() throws IOException {
        Path directory = ConformanceFixtures.directory("github-webhooks");
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(json).as("JSON payloads in " + directory).isNotEmpty();
            return json;
        }
    }
}
