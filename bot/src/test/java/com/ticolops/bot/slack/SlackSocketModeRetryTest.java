package com.ticolops.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ticolops.bot.testsupport.Ticolops;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Socket Mode while Slack refuses to open a connection: its own context, closed after the class. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SlackSocketModeRetryTest {

    static final Date STARTED = new Date();
    static final FakeSlackSocket SOCKET = startSocket();
    static final String SCENARIO = "socket mode refused";
    static List<StubMapping> stubs;

    @DynamicPropertySource
    static void socketModeRefused(DynamicPropertyRegistry registry) {
        stubs = List.of(
                FakeSlack.SERVER.stubFor(post(urlPathEqualTo("/api/apps.connections.open")).atPriority(1)
                        .inScenario(SCENARIO).whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(503).withBody("upstream unavailable"))),
                FakeSlack.SERVER.stubFor(post(urlPathEqualTo("/api/apps.connections.open")).atPriority(1)
                        .inScenario(SCENARIO).whenScenarioStateIs("open")
                        .willReturn(okJson("{\"ok\": true, \"url\": \"" + SOCKET.url() + "\"}"))));
        registry.add("ticolops.slack.bot-token", () -> "xoxb-test-bot-token");
        registry.add("ticolops.slack.app-token", () -> "xapp-test-app-token");
        registry.add("ticolops.slack.api-url", FakeSlack::apiUrl);
        // Replies are read from the ack; a test JVM warming up can be slower than the 200 ms a server waits.
        registry.add("ticolops.slack.ack-wait", () -> "2500ms");
        registry.add("management.endpoint.health.show-components", () -> "always");
        registry.add("management.endpoint.health.show-details", () -> "always");
    }

    private static FakeSlackSocket startSocket() {
        try {
            return new FakeSlackSocket().startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void slackAnswersAsBefore() {
        stubs.forEach(FakeSlack.SERVER::removeStub);
    }

    @LocalServerPort
    int port;

    @Test
    void aRefusedFirstConnectionIsRetriedWithGrowingWaitsWhileReadinessSaysWhyItIsDown() {
        Ticolops ticolops = new Ticolops(port);

        // GIVEN Slack refuses to open a Socket Mode connection
        await().atMost(Duration.ofSeconds(15)).until(() -> opens().size() >= 3);

        // THEN Ticolops tried again one second after the first refusal, two seconds after the second
        List<LoggedRequest> opens = opens();
        assertThat(opens.get(1).getLoggedDate().getTime() - opens.get(0).getLoggedDate().getTime()).isGreaterThanOrEqualTo(1000);
        assertThat(opens.get(2).getLoggedDate().getTime() - opens.get(1).getLoggedDate().getTime()).isGreaterThanOrEqualTo(2000);
        // AND readiness is down and says why
        JsonNode slack = ticolops.get("/actuator/health/readiness").body().path("components").path("slack");
        assertThat(slack.path("status").asString()).isEqualTo("DOWN");
        assertThat(slack.path("details").path("socketMode").asString()).startsWith("not connected: attempt ").contains("apps.connections.open failed", "retrying in");

        // WHEN Slack accepts again
        FakeSlack.SERVER.setScenarioState(SCENARIO, "open");

        // THEN the next attempt connects and readiness is up, with no restart
        await().atMost(Duration.ofSeconds(15)).until(SOCKET::connected);
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(ticolops.get("/actuator/health/readiness").body()
                .path("components").path("slack").path("status").asString()));
    }

    /** This class's calls, oldest first: earlier classes opened connections on the same fake. */
    private static List<LoggedRequest> opens() {
        return FakeSlack.SERVER.findAll(postRequestedFor(urlPathEqualTo("/api/apps.connections.open"))).stream()
                .filter(request -> !request.getLoggedDate().before(STARTED))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }
}
