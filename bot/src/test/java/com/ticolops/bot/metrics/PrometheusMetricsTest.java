package com.ticolops.bot.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ticolops.metrics.token=" + PrometheusMetricsTest.SCRAPE_TOKEN)
class PrometheusMetricsTest {

    static final String SCRAPE_TOKEN = "scrape-token-for-tests";
    private static final WireMockServer GITHUB = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        GITHUB.start();
    }

    @DynamicPropertySource
    static void gitHubOnWireMock(DynamicPropertyRegistry registry) {
        registry.add("ticolops.github.api-url", GITHUB::baseUrl);
    }

    @LocalServerPort
    int port;

    private Ticolops ticolops;
    private final String channel = "metrics-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void client() {
        ticolops = new Ticolops(port);
    }

    @Test
    void prometheusScrapesWebhooksCommandsAnnouncementsAndTheBacklogWithItsToken() throws Exception {
        String repository = "octo-org/metrics-" + UUID.randomUUID().toString().substring(0, 8);
        ticolops.command("alice", channel, "/ticolops project create " + channel);
        String secret = ticolops.connectGitHub("alice", channel, repository);
        double helpBefore = value(scrape(), "ticolops_commands_seconds_count{command=\"help\",outcome=\"answered\",platform=\"console\"}");
        double pushesBefore = value(scrape(), "ticolops_webhooks_received_total{event=\"push\",outcome=\"accepted\",provider=\"github\"}");

        // WHEN someone asks for help, a push arrives, and a delivery with a bad signature is refused
        ticolops.command("alice", channel, "/ticolops help");
        byte[] push = Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository);
        assertThat(ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), push, secret).status()).isEqualTo(202);
        assertThat(ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), push, "not-the-secret").status()).isEqualTo(401);

        // THEN the scrape counts each, and shows the registry's backlog and the pool
        await().untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "ticolops_commands_seconds_count{command=\"help\",outcome=\"answered\",platform=\"console\"}")).isEqualTo(helpBefore + 1);
            assertThat(value(metrics, "ticolops_webhooks_received_total{event=\"push\",outcome=\"accepted\",provider=\"github\"}")).isEqualTo(pushesBefore + 1);
            assertThat(value(metrics, "ticolops_webhooks_received_total{event=\"unverified\",outcome=\"refused\",provider=\"github\"}")).isPositive();
            assertThat(value(metrics, "ticolops_announcements_delivery_seconds_count{outcome=\"delivered\",platform=\"console\"}")).isPositive();
            assertThat(metrics).containsPattern("(?m)^ticolops_events_pending [0-9.E]+$").containsPattern("(?m)^ticolops_events_oldest_pending_age_seconds [0-9.E]+$")
                    .contains("hikaricp_connections_active");
        });
    }

    @Test
    void prometheusScrapesOutboundCallsAndTheTimeSpentWaitingOutRateLimits() throws Exception {
        String metrics = scrape();
        double limitedBefore = value(metrics, "ticolops_outbound_calls_seconds_count{outcome=\"rate_limited\",target=\"github\"}");
        double successBefore = value(metrics, "ticolops_outbound_calls_seconds_count{outcome=\"success\",target=\"github\"}");
        double waitsBefore = value(metrics, "ticolops_outbound_rate_limit_waits_seconds_count{target=\"github\"}");
        double waitedBefore = value(metrics, "ticolops_outbound_rate_limit_waits_seconds_sum{target=\"github\"}");

        // WHEN a GitHub token is checked, and GitHub asks to wait a second first
        gitHubTokenCheckedAfterASecondaryRateLimit();

        // THEN the scrape counts GitHub's 429, its answer after the wait, and the second waited
        metrics = scrape();
        assertThat(value(metrics, "ticolops_outbound_calls_seconds_count{outcome=\"rate_limited\",target=\"github\"}")).isEqualTo(limitedBefore + 1);
        assertThat(value(metrics, "ticolops_outbound_calls_seconds_count{outcome=\"success\",target=\"github\"}")).isEqualTo(successBefore + 1);
        assertThat(value(metrics, "ticolops_outbound_rate_limit_waits_seconds_count{target=\"github\"}")).isEqualTo(waitsBefore + 1);
        assertThat(value(metrics, "ticolops_outbound_rate_limit_waits_seconds_sum{target=\"github\"}") - waitedBefore).isCloseTo(1, within(0.5));
        assertThat(metrics).contains("ticolops_outbound_calls_seconds_bucket{outcome=\"success\",target=\"github\",le=\"0.25\"} ");
    }

    @Test
    void everyMetricTheChartsAlertsAndDashboardAskForIsScraped() throws Exception {
        ticolops.command("alice", channel, "/ticolops help");
        gitHubTokenCheckedAfterASecondaryRateLimit();
        String metrics = scrape();
        Path chart = Path.of("../charts/ticolops");
        String asked = Files.readString(chart.resolve("templates/prometheusrule.yaml")) + Files.readString(chart.resolve("dashboards/ticolops.json"));
        Matcher name = Pattern.compile("\\b((?:ticolops|hikaricp)_[a-z_]+)\\{").matcher(asked);
        int names = 0;
        while (name.find()) {
            names++;
            assertThat(metrics).as("the chart asks for " + name.group(1)).containsPattern("(?m)^" + name.group(1) + "[{ ]");
        }
        assertThat(names).isGreaterThan(5);
    }

    @Test
    void withoutTheScrapeTokenPrometheusGetsNothing() throws Exception {
        assertThat(get(Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = get(Map.of("Authorization", "Bearer not-the-token"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("ticolops_");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(ticolops.get("/actuator/health/readiness").status()).as("the probes need no token").isEqualTo(200);
    }

    /** GitHub answers the token check with its secondary rate limit (429, Retry-After: 1) once, then with the token's owner. */
    private void gitHubTokenCheckedAfterASecondaryRateLimit() {
        String token = "ghp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 32) + "AAAA";
        GITHUB.stubFor(WireMock.get(urlPathEqualTo("/user")).withHeader("Authorization", containing(token)).inScenario(token)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody("{\"message\": \"You have exceeded a secondary rate limit.\"}"))
                .willSetStateTo("waited"));
        GITHUB.stubFor(WireMock.get(urlPathEqualTo("/user")).withHeader("Authorization", containing(token)).inScenario(token).whenScenarioStateIs("waited")
                .willReturn(okJson("{\"login\": \"alice-gh\", \"id\": 1, \"type\": \"User\"}")));
        ticolops.command("alice", channel, "/ticolops project create " + channel);
        assertThat(ticolops.command("alice", channel, "/ticolops repo token github " + token).text()).startsWith("Saved alice-gh's GitHub token");
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get(Map.of("Authorization", "Bearer " + SCRAPE_TOKEN));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sample's value, or 0 before it was first counted. */
    private static double value(String metrics, String series) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
