package com.ticolops.integrations.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ticolops.integrations.net.OutboundScrape;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignedWebhooksTest {

    final OutboundScrape scrape = new OutboundScrape();
    WireMockServer endpoint;

    @BeforeEach
    void start() {
        endpoint = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop();
    }

    @Test
    void theSignatureIsTheOneTheStandardWebhooksSpecificationPublishesForItsExample() {
        assertThat(SignedWebhooks.signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aPostCarriesTheIdTheAttemptsTimestampAndTheSignatureOfBoth() throws Exception {
        endpoint.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        SignedWebhooks webhooks = new SignedWebhooks(scrape.metrics(), Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC));
        String secret = webhooks.newSecret();

        webhooks.post(new SignedWebhook(endpoint.baseUrl() + "/hook", List.of(InetAddress.getByName("127.0.0.1")), secret), "msg_1", "{\"a\":1}");

        LoggedRequest request = endpoint.findAll(postRequestedFor(urlPathEqualTo("/hook"))).get(0);
        assertThat(request.getHeader("webhook-id")).isEqualTo("msg_1");
        assertThat(request.getHeader("webhook-timestamp")).isEqualTo("1614265330");
        assertThat(request.getHeader("webhook-signature")).isEqualTo(SignedWebhooks.signature(secret, "msg_1", "1614265330", "{\"a\":1}"));
        assertThat(request.getBodyAsString()).isEqualTo("{\"a\":1}");
        assertThat(scrape.calls("webhook", "success")).isEqualTo(1);
    }

    @Test
    void anEndpointThatAnswersAnErrorOrARedirectIsNotDelivered() throws Exception {
        endpoint.stubFor(post(urlPathEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        endpoint.stubFor(post(urlPathEqualTo("/moved")).willReturn(aResponse().withStatus(307).withHeader("Location", "http://169.254.169.254/")));
        SignedWebhooks webhooks = new SignedWebhooks(scrape.metrics());
        List<InetAddress> local = List.of(InetAddress.getByName("127.0.0.1"));

        assertThatThrownBy(() -> webhooks.post(new SignedWebhook(endpoint.baseUrl() + "/down", local, webhooks.newSecret()), "msg_2", "{}"))
                .hasMessageContaining("answered 503");
        assertThatThrownBy(() -> webhooks.post(new SignedWebhook(endpoint.baseUrl() + "/moved", local, webhooks.newSecret()), "msg_3", "{}"))
                .hasMessageContaining("answered 307");
        assertThat(scrape.calls("webhook", "server_error")).isEqualTo(1);
        assertThat(scrape.calls("webhook", "client_error")).isEqualTo(1);
    }
}
