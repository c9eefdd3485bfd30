package com.ticolops.bot.slack;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ticolops.bot.testsupport.FakeGitHub;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A deployment asked for in Slack is one Slack message, updated through chat.update on its ts as GitHub reports. */
class SlackDeploymentMessageTest extends SlackTestBase {

    private static final WireMockServer github = new WireMockServer(options().dynamicPort());
    private static final String TOKEN = "ghp_" + "S".repeat(36);
    private static final String SHA = "3333333333333333333333333333333333333333";

    static {
        github.start();
    }

    @DynamicPropertySource
    static void gitHubOnWireMock(DynamicPropertyRegistry registry) {
        registry.add("ticolops.github.api-url", github::baseUrl);
    }

    SlackUser alice = newUser("alice");
    String channel = newChannel();
    String repository = "octo-org/" + Names.unique("shop");

    @Test
    void theDeploymentsMessageIsPostedOnceAndUpdatedInPlaceWhenItSucceeds() {
        // GIVEN a Slack channel's project with a GitHub repository, its token, and production
        alice.types("project create " + Names.unique("shop"), channel);
        String secret = secret(alice.types("repo connect github " + repository, channel).json());
        stubGitHub();
        assertThat(alice.types("repo token github " + TOKEN + " " + repository, channel).json().path("text").asString()).startsWith("Saved");
        alice.types("env add " + repository + " production github-deployments url=https://shop.example.com", channel);

        // WHEN alice deploys from Slack
        assertThat(alice.types("deploy " + repository + " main production", channel).json().path("text").asString())
                .isEqualTo("Deploying 3333333 to production…");
        String posted = "Deployment #";
        await().atMost(Duration.ofSeconds(15)).until(() -> texts().stream().anyMatch(t -> t.startsWith(posted)));
        String ts = FakeSlack.tsOf(channel, posted);

        // AND GitHub reports it successful
        String status = Payloads.read("/com/ticolops/bot/deployment/deployment_status.json", repository).replace("DEPLOYMENT_ID", "8801")
                .replace("STATE", "success").replace("SHA", SHA).replace("ENVIRONMENT_URL", "https://shop.example.com").replace("ENVIRONMENT", "production");
        assertThat(new Ticolops(port).gitHubDelivery("deployment_status", UUID.randomUUID().toString(), status.getBytes(StandardCharsets.UTF_8), secret)
                .status()).isEqualTo(202);

        // THEN the same message, by its ts, says it succeeded, with the environment's button; no second one was posted
        await().atMost(Duration.ofSeconds(15)).until(() -> FakeSlack.updates(channel).stream()
                .anyMatch(update -> FakeSlack.form(update).get("text").endsWith("to production — succeeded")));
        var update = FakeSlack.updates(channel).stream().map(FakeSlack::form).filter(form -> form.get("text").endsWith("— succeeded"))
                .findFirst().orElseThrow();
        assertThat(update.get("ts")).isEqualTo(ts);
        assertThat(update.get("blocks")).contains("Open production").contains("https://shop.example.com").contains(alice.userId);
        assertThat(texts()).filteredOn(t -> t.startsWith(posted)).hasSize(1);
    }

    private void stubGitHub() {
        FakeGitHub.acceptsToken(github, TOKEN, "alice-gh");
        new FakeGitHub(github, repository).ref("main", SHA).ships(List.of(new FakeGitHub.Commit(SHA, "Fix rounding of totals", "Alice Liddell")))
                .nextDeployment(8801);
    }

    private List<String> texts() {
        return FakeSlack.postMessages(channel).stream().map(r -> FakeSlack.form(r).get("text")).toList();
    }

    private static String secret(JsonNode reply) {
        for (JsonNode block : reply.path("blocks")) {
            for (JsonNode field : block.path("fields")) {
                String text = field.path("text").asString();
                if (text.startsWith("*Secret*\n")) {
                    return text.substring("*Secret*\n".length());
                }
            }
        }
        throw new AssertionError("no Secret field in " + reply);
    }
}
