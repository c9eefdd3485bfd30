package com.ticolops.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.integrations.discord.FakeDiscord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Ticolops with a real JDA connected to the shared {@link FakeDiscord}. Every Discord test class extends this, so they
 * share one Spring context and one gateway session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DiscordEndToEnd {

    static final FakeDiscord discord = FakeDiscord.shared();
    static final Duration WAIT = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void discordProperties(DynamicPropertyRegistry properties) {
        properties.add("ticolops.discord.bot-token", () -> "fake-bot-token");
        properties.add("ticolops.discord.rest-url", discord::restUrl);
        properties.add("ticolops.discord.gateway-url", discord::gatewayUrl);
        // Each test context is a Ticolops of its own on the shared test database: it elects its own gateway leader.
        properties.add("ticolops.leader.region", () -> "discord-tests");
    }

    @BeforeEach
    void jdaIsConnectedAndRegisteredItsCommands() throws InterruptedException {
        discord.gateway().awaitReady(WAIT);
        await().atMost(WAIT).until(() -> discord.registeredCommands().size() > 0);
    }

    /** The first message a person sees for an interaction: its private answer through the interaction's webhook. */
    static JsonNode privateReply(FakeDiscord.Interaction interaction) {
        AtomicReference<JsonNode> reply = new AtomicReference<>();
        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> replies = discord.interactionReplies(interaction);
            assertThat(replies).isNotEmpty();
            reply.set(replies.get(0));
        });
        return reply.get();
    }

    /** Waits until a message in the channel shows {@code text}, and returns it. */
    static JsonNode channelMessageContaining(String channelId, String text) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode match = discord.channelMessages(channelId).stream().filter(m -> FakeDiscord.visibleText(m).contains(text)).findFirst().orElse(null);
            assertThat(match).as("a message in channel %s showing %s; got %s", channelId, text, discord.channelMessages(channelId)).isNotNull();
            found.set(match);
        });
        return found.get();
    }
}
