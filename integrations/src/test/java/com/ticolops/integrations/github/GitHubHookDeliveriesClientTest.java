package com.ticolops.integrations.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitHubHookDeliveries.Attempt;
import com.ticolops.integrations.net.OutboundScrape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WireMock as GitHub's REST API, serving a hook's deliveries in two cursor-linked pages as GitHub does. */
class GitHubHookDeliveriesClientTest {

    private static final String DELIVERIES = "/repos/acme/rocket/hooks/42/deliveries";
    private static final Instant THREE_DAYS_AGO = Instant.parse("2026-11-17T11:00:00Z");

    private final WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final OutboundScrape scrape = new OutboundScrape();
    private final GitHubHookDeliveriesClient client = new GitHubHookDeliveriesClient(scrape.metrics());
    private GitHostAccess access;

    @BeforeEach
    void start() {
        github.start();
        access = new GitHostAccess(github.baseUrl(), "ghp_test");
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    @Test
    void GIVEN_deliveries_on_two_pages_WHEN_read_THEN_the_attempts_of_both_pages_come_back_newest_first() throws IOException {
        servePages(github.baseUrl());

        List<Attempt> attempts = client.recentAttempts(access, "acme/rocket", 42, THREE_DAYS_AGO);

        assertThat(attempts).extracting(Attempt::guid).containsExactly("guid-4", "guid-3", "guid-2", "guid-1");
        assertThat(attempts.get(3)).isEqualTo(new Attempt(9001, "guid-1", "pull_request", 503, false, Instant.parse("2026-11-20T10:01:00Z")));
        github.verify(getRequestedFor(urlPathEqualTo(DELIVERIES)).withQueryParam("cursor", equalTo("v1_9003"))
                .withHeader("Authorization", equalTo("Bearer ghp_test")));
        assertThat(scrape.calls("github", "success")).as("one for each page").isEqualTo(2);
    }

    @Test
    void GIVEN_a_first_page_that_reaches_back_past_the_oldest_time_asked_for_WHEN_read_THEN_the_next_page_is_not_fetched() throws IOException {
        servePages(github.baseUrl());

        List<Attempt> attempts = client.recentAttempts(access, "acme/rocket", 42, Instant.parse("2026-11-20T10:03:30Z"));

        assertThat(attempts).extracting(Attempt::guid).containsExactly("guid-4", "guid-3");
        github.verify(0, getRequestedFor(urlPathEqualTo(DELIVERIES)).withQueryParam("cursor", equalTo("v1_9003")));
    }

    @Test
    void GIVEN_a_next_page_link_to_another_host_WHEN_read_THEN_it_is_not_followed_with_the_token() throws IOException {
        servePages("https://elsewhere.example.com");

        assertThatThrownBy(() -> client.recentAttempts(access, "acme/rocket", 42, THREE_DAYS_AGO))
                .isInstanceOf(GitHostException.class).hasMessageContaining("another host: elsewhere.example.com");
    }

    /** Page 1 links to page 2 by cursor ({@code Link: <...&cursor=v1_9003>; rel="next"}); page 2 is the last. */
    private void servePages(String nextPageHost) throws IOException {
        github.stubFor(page().withQueryParam("cursor", equalTo("v1_9003")).willReturn(json("hook-deliveries-page-2.json")));
        github.stubFor(page().withQueryParam("per_page", equalTo("100")).atPriority(10).willReturn(json("hook-deliveries-page-1.json")
                .withHeader("Link", "<" + nextPageHost + DELIVERIES + "?per_page=100&cursor=v1_9003>; rel=\"next\"")));
    }

    private static MappingBuilder page() {
        return get(urlPathEqualTo(DELIVERIES));
    }

    private static ResponseDefinitionBuilder json(String file) throws IOException {
        try (InputStream in = GitHubHookDeliveriesClientTest.class.getResourceAsStream(file)) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
