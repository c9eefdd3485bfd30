package com.ticolops.integrations.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.slack.api.Slack;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.net.OutboundScrape;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WireMock as Slack's Web API, for the sender as SlackConfiguration builds it. */
class SlackSenderTest {

    private static final String POST_MESSAGE = "/api/chat.postMessage";

    private final WireMockServer slackApi = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final OutboundScrape scrape = new OutboundScrape();
    private SlackSender sender;

    @BeforeEach
    void start() {
        slackApi.start();
        SlackProperties properties = new SlackProperties("xoxb-test", "signing-secret", null, slackApi.baseUrl() + "/api/", null, "Ticolops",
                Duration.ofMillis(200), Duration.ofMillis(1), Duration.ofSeconds(60));
        SlackConfiguration.Enabled slack = new SlackConfiguration.Enabled();
        Slack client = slack.slack(properties, scrape.metrics());
        sender = slack.slackSender(slack.slackMethods(client, properties), properties, scrape.metrics());
    }

    @AfterEach
    void stop() {
        slackApi.stop();
    }

    @Test
    void aPostSlackRateLimitsIsSentAgainAfterItsRetryAfterAndBothCallsAndTheWaitAreCounted() {
        // GIVEN Slack answers the first post with 429 and Retry-After: 1
        slackApi.stubFor(post(urlPathEqualTo(POST_MESSAGE)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("waited"));
        slackApi.stubFor(post(urlPathEqualTo(POST_MESSAGE)).inScenario("limited").whenScenarioStateIs("waited")
                .willReturn(okJson("{\"ok\": true, \"channel\": \"C1\", \"ts\": \"1700000000.000100\"}")));

        // WHEN an announcement is posted
        String ts = sender.post("C1", Reply.inChannel("Deployed"));

        // THEN it went out after about a second, and the scrape shows the 429, the success and the wait
        assertThat(ts).isEqualTo("1700000000.000100");
        slackApi.verify(2, postRequestedFor(urlPathEqualTo(POST_MESSAGE)));
        assertThat(scrape.calls("slack", "rate_limited")).isEqualTo(1);
        assertThat(scrape.calls("slack", "success")).isEqualTo(1);
        assertThat(scrape.waits("slack")).isEqualTo(1);
        assertThat(scrape.waitedSeconds("slack")).isCloseTo(1, within(0.5));
    }

    @Test
    void aSlackThatIsDownCountsAServerErrorAndNoWait() {
        slackApi.stubFor(post(urlPathEqualTo(POST_MESSAGE)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> sender.post("C2", Reply.inChannel("Deployed"))).hasMessageContaining("Slack answered HTTP 503");

        assertThat(scrape.calls("slack", "server_error")).isEqualTo(1);
        assertThat(scrape.waits("slack")).isZero();
    }
}
