package com.ticolops.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ticolops.metrics.token=" + PrometheusMetricsTest.SCRAPE_TOKEN)
class PrometheusMetricsTest {

    static final String SCRAPE_TOKEN = "scrape-token-for-tests";

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
    void everyMetricTheChartsAlertsAndDashboardAskForIsScraped() throws Exception {
        ticolops.command("alice", channel, "/ticolops help");
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
