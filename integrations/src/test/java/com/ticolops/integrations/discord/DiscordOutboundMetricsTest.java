package com.ticolops.integrations.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.ticolops.integrations.net.OutboundScrape;
import java.io.IOException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client as DiscordConfiguration builds it, against a fake Discord of its own. */
class DiscordOutboundMetricsTest {

    private final FakeDiscord discord = FakeDiscord.start();
    private final OutboundScrape scrape = new OutboundScrape();
    private JDA jda;

    @BeforeEach
    void login() {
        DiscordProperties properties = new DiscordProperties("bot-token", null, discord.restUrl(), null);
        jda = new DiscordConfiguration().discordJda(properties, scrape.metrics());
    }

    @AfterEach
    void stop() throws IOException {
        jda.shutdownNow();
        discord.stop();
    }

    @Test
    void aPostDiscordRateLimitsIsHeldBackByJdaForItsRetryAfterAndTheCallsAndTheWaitAreCounted() {
        // GIVEN Discord answers the first post to a channel with a route's 429 (Retry-After: 1), then takes it
        String channel = FakeDiscord.newId();
        String messages = "/api/v10/channels/" + channel + "/messages";
        discord.rest().stubFor(post(urlPathEqualTo(messages)).atPriority(1).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withHeader("Retry-After", "1")
                        // a route's limit, not Cloudflare's: Discord's answers come through its proxy
                        .withHeader("Via", "1.1 google").withHeader("X-RateLimit-Scope", "user")
                        .withBody("{\"message\": \"You are being rate limited.\", \"retry_after\": 1.0, \"global\": false}"))
                .willSetStateTo("waited"));
        double before = scrape.calls("discord", "success");

        // WHEN a message is posted
        String id = new DiscordChannels(jda).post(channel, MessageCreateData.fromContent("Deployed"));

        // THEN JDA sent it again a second later; the scrape shows the 429, the success and the wait
        assertThat(id).isNotBlank();
        discord.rest().verify(2, postRequestedFor(urlPathEqualTo(messages)));
        assertThat(scrape.calls("discord", "rate_limited")).isEqualTo(1);
        assertThat(scrape.calls("discord", "success")).isEqualTo(before + 1);
        assertThat(scrape.waits("discord")).isEqualTo(1);
        assertThat(scrape.waitedSeconds("discord")).isCloseTo(1, within(0.5));
    }

    @Test
    void loggingInIsACountedCallWithoutAnyWait() {
        assertThat(scrape.calls("discord", "success")).as("GET /users/@me").isPositive();
        assertThat(scrape.waits("discord")).isZero();
    }
}
