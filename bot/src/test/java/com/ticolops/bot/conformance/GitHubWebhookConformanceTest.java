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
import java.util.Optional;
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
 * the project): every one, signed for a connected repository, is acknowledged; pushes and pull requests are announced.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ticolops.github.webhook-secret=" + GitHubWebhookConformanceTest.APP_SECRET)
class GitHubWebhookConformanceTest {

    static final String APP_SECRET = "conformance-app-webhook-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ANNOUNCED = List.of("push", "pull_request");

    @LocalServerPort
    int port;

    @Test
    void everyGitHubFixtureIsAcknowledgedAndPushesAndPullRequestsAreAnnounced() throws IOException {
        Ticolops ticolops = new Ticolops(port);
        List<Path> fixtures = fixtures();
        Map<String, Connected> connected = new HashMap<>();
        Map<String, Integer> expectedAnnouncements = new HashMap<>();
        SoftAssertions softly = new SoftAssertions();

        for (Path fixture : fixtures) {
            String event = fixture.getParent().getFileName().toString();
            byte[] body = Files.readAllBytes(fixture);
            Optional<String> repository = Optional.ofNullable(JSON.readTree(body).path("repository").path("full_name").asString(null));
            String secret = repository.map(name -> connected.computeIfAbsent(name, n -> connect(ticolops, n)).secret()).orElse(APP_SECRET);

            Ticolops.Response response = ticolops.gitHubDelivery(event, UUID.randomUUID().toString(), body, secret);

            softly.assertThat(response.status()).as("%s: %s", fixture, response.body()).isBetween(200, 299);
            if (ANNOUNCED.contains(event) && repository.isPresent()) {
                expectedAnnouncements.merge(connected.get(repository.get()).channel(), 1, Integer::sum);
            }
        }
        softly.assertAll();

        assertThat(expectedAnnouncements.values().stream().mapToInt(Integer::intValue).sum()).as("push and pull_request fixtures").isGreaterThan(30);
        // Each channel also holds the project-created reply and the repository-connected announcement.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> expectedAnnouncements.forEach((channel, count) ->
                assertThat(ticolops.channelTexts(channel)).as(channel).hasSize(2 + count)));
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
