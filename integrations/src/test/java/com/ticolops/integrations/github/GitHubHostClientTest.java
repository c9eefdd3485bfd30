package com.ticolops.integrations.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.net.OutboundScrape;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitHubHostClientTest {

    private static final String TOKEN = "ghp_" + "A".repeat(36);
    private static final String ALICE = "{\"login\": \"alice-gh\", \"id\": 1, \"type\": \"User\"}";

    private final OutboundScrape scrape = new OutboundScrape();
    private final GitHubHostClient client = new GitHubHostClient(new GitHubApis(scrape.metrics()), new GitHubHookDeliveriesClient(scrape.metrics()));
    private WireMockServer github;

    @AfterEach
    void stop() {
        if (github != null) {
            github.stop();
        }
    }

    @Test
    void aGitHubThatDoesNotAnswerIsSaidInWordsWithoutJava() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> client.tokenOwner(new GitHostAccess("http://127.0.0.1:" + closed, TOKEN)))
                .isInstanceOf(GitHostException.class).hasMessage("Could not reach 127.0.0.1:" + closed + ": connection refused");
        // github-api sends a refused request twice more
        assertThat(scrape.calls("github", "unreachable")).isEqualTo(3);
    }

    @Test
    void aGitHubThatAnswers500CountsOneServerError() {
        github = started();
        github.stubFor(get(urlPathEqualTo("/repos/acme/rocket")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Server Error\"}")));

        assertThatThrownBy(() -> client.checkHookAccess(new GitHostAccess(github.baseUrl(), TOKEN), "acme/rocket")).hasMessage("GitHub answered 500");

        assertThat(scrape.calls("github", "server_error")).isEqualTo(1);
        // AND nothing else was asked: not the token's login, which github-api loads when the client is built with withOAuthToken
        assertThat(scrape.calls("github", "success")).isZero();
        github.verify(0, getRequestedFor(urlPathEqualTo("/user")));
    }

    @Test
    void aSecondaryRateLimitIsWaitedOutForItsRetryAfterAndTheRequestSentAgain() {
        // GIVEN GitHub's secondary rate limit: 403 with Retry-After: 1, then the answer
        github = started();
        github.stubFor(get(urlPathEqualTo("/user")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"You have exceeded a secondary rate limit.\"}"))
                .willSetStateTo("waited"));
        github.stubFor(get(urlPathEqualTo("/user")).inScenario("limited").whenScenarioStateIs("waited")
                .willReturn(okJson(ALICE)));

        // WHEN the token is checked
        String owner = client.tokenOwner(new GitHostAccess(github.baseUrl(), TOKEN));

        // THEN github-api waited about a second, and both requests are counted
        assertThat(owner).isEqualTo("alice-gh");
        github.verify(2, getRequestedFor(urlPathEqualTo("/user")));
        assertThat(scrape.calls("github", "rate_limited")).isEqualTo(1);
        assertThat(scrape.calls("github", "success")).isEqualTo(1);
        assertThat(scrape.waits("github")).isEqualTo(1);
        assertThat(scrape.waitedSeconds("github")).isCloseTo(1, within(0.5));
    }

    @Test
    void aUsedUpRateLimitFailsAtOnceSayingWhenItResetsInsteadOfWaitingForIt() {
        github = started();
        long reset = Instant.now().plus(Duration.ofMinutes(42)).getEpochSecond();
        github.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Reset", Long.toString(reset))
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"API rate limit exceeded\"}")));
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.tokenOwner(new GitHostAccess(github.baseUrl(), TOKEN))).isInstanceOf(GitHostException.class)
                .hasMessage("GitHub's rate limit for this token is used up until "
                        + DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(reset)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(scrape.calls("github", "rate_limited")).isEqualTo(1);
        assertThat(scrape.waits("github")).isZero();
    }

    @Test
    void aSecondaryRateLimitLongerThanAMinuteFailsAtOnce() {
        github = started();
        github.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(403).withHeader("Retry-After", "600")
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"You have exceeded a secondary rate limit.\"}")));

        assertThatThrownBy(() -> client.tokenOwner(new GitHostAccess(github.baseUrl(), TOKEN)))
                .hasMessage("GitHub asks to wait 600 s before the next request (a secondary rate limit)");
        github.verify(1, getRequestedFor(urlPathEqualTo("/user")));
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }
}
