package com.ticolops.bot.discord;

import static com.ticolops.integrations.discord.FakeDiscord.Option.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.integrations.discord.FakeDiscord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

class DiscordAnnouncementsTest extends DiscordEndToEnd {

    @LocalServerPort
    int port;

    String channel = FakeDiscord.newId();
    String alice = FakeDiscord.newId();
    String repository = "octo-org/" + Names.unique("shop");

    @Test
    void aSignedGitHubPushIsAnnouncedInTheDiscordChannelOfItsProject() throws IOException {
        // GIVEN a project created in a Discord channel, with a GitHub repository connected from there
        discord.slashCommand(channel, alice, "alice", "project", "create", string("name", Names.unique("shop")));
        channelMessageContaining(channel, "created by <@" + alice + ">");
        JsonNode connected = privateReply(discord.slashCommand(channel, alice, "alice", "repo", "connect",
                string("provider", "github"), string("repository", repository)));
        String secret = field(connected, "Secret");
        channelMessageContaining(channel, "<@" + alice + "> connected GitHub repository " + repository);

        // WHEN GitHub delivers a signed push
        Ticolops.Response response = new Ticolops(port).gitHubDelivery("push", UUID.randomUUID().toString(), push(), secret);

        // THEN it is acknowledged and announced in the Discord channel
        assertThat(response.status()).isEqualTo(202);
        JsonNode announcement = channelMessageContaining(channel, "alice-gh pushed 2 commits to main in " + repository);
        assertThat(FakeDiscord.visibleText(announcement)).contains("2222222 Add the basket page — alice-gh");
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

    private byte[] push() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/com/ticolops/bot/notification/push.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("REPOSITORY", repository).getBytes(StandardCharsets.UTF_8);
        }
    }
}
