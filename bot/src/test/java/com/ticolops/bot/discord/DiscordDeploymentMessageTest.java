package com.ticolops.bot.discord;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.ticolops.integrations.discord.FakeDiscord.Option.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ticolops.bot.testsupport.FakeGitHub;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.integrations.discord.FakeDiscord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A deployment asked for in Discord is one Discord message, edited in place when GitHub reports success. */
class DiscordDeploymentMessageTest extends DiscordEndToEnd {

    private static final WireMockServer github = new WireMockServer(options().dynamicPort());
    private static final String TOKEN = "ghp_" + "Q".repeat(36);
    private static final String SHA = "3333333333333333333333333333333333333333";

    static {
        github.start();
    }

    @DynamicPropertySource
    static void gitHubOnWireMock(DynamicPropertyRegistry registry) {
        registry.add("ticolops.github.api-url", github::baseUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    String channel = FakeDiscord.newId();
    String alice = FakeDiscord.newId();
    String repository = "octo-org/" + Names.unique("shop");

    @Test
    void theDeploymentsMessageIsPostedOnceAndEditedWhenItSucceeds() {
        // GIVEN a Discord channel's project with a GitHub repository, its token, and production
        discord.slashCommand(channel, alice, "alice", "project", "create", string("name", Names.unique("shop")));
        channelMessageContaining(channel, "created by <@" + alice + ">");
        String secret = field(privateReply(discord.slashCommand(channel, alice, "alice", "repo", "connect", string("provider", "github"),
                string("repository", repository))), "Secret");
        FakeGitHub.acceptsToken(github, TOKEN, "alice-gh");
        new FakeGitHub(github, repository).ref("main", SHA).ships(List.of(new FakeGitHub.Commit(SHA, "Fix rounding of totals", "Alice Liddell")))
                .nextDeployment(9901);
        privateReply(discord.slashCommand(channel, alice, "alice", "repo", "token", string("provider", "github"), string("token", TOKEN),
                string("for", repository)));
        discord.slashCommand(channel, alice, "alice", "env", "add", string("repository", repository), string("name", "production"),
                string("executor", "github-deployments url=https://shop.example.com"));
        channelMessageContaining(channel, "Added environment production to " + repository);

        // WHEN alice deploys from Discord, and GitHub reports it successful
        assertThat(FakeDiscord.visibleText(privateReply(discord.slashCommand(channel, alice, "alice", "deploy", "run",
                string("repository", repository), string("ref", "main"), string("environment", "production")))))
                .contains("Deploying 3333333 to production…");
        channelMessageContaining(channel, "Deployment #");
        String id = discord.idOfMessageContaining(channel, "Deployment #");
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from deployments d join repositories r on r.id = d.repository_id"
                + " where r.full_name = ? and d.provider_id = '9901'").param(repository).query(Integer.class).single() == 1);
        String status = Payloads.read("/com/ticolops/bot/deployment/deployment_status.json", repository).replace("DEPLOYMENT_ID", "9901")
                .replace("STATE", "success").replace("SHA", SHA).replace("ENVIRONMENT_URL", "https://shop.example.com").replace("ENVIRONMENT", "production");
        assertThat(new Ticolops(port).gitHubDelivery("deployment_status", UUID.randomUUID().toString(), status.getBytes(StandardCharsets.UTF_8), secret)
                .status()).isEqualTo(202);

        // THEN that message is edited to show success and the environment's button; no second message was posted
        await().atMost(WAIT).untilAsserted(() -> assertThat(discord.channelMessageEdits(channel)).filteredOn(edit -> edit.messageId().equals(id))
                .anySatisfy(edit -> assertThat(edit.body().toString()).contains("to production — succeeded").contains("https://shop.example.com")));
        assertThat(discord.channelMessages(channel)).filteredOn(m -> FakeDiscord.visibleText(m).contains("Deployment #")).hasSize(1);
    }

    private static String field(JsonNode message, String name) {
        for (JsonNode embed : message.path("embeds")) {
            for (JsonNode field : embed.path("fields")) {
                if (field.path("name").asString().equals(name)) {
                    return field.path("value").asString();
                }
            }
        }
        throw new AssertionError("no field " + name + " in " + message);
    }
}
