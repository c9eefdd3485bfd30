package com.ticolops.integrations.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.net.OutboundScrape;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitLabHostClientTest {

    private static final String TOKEN = "glpat-" + "C".repeat(20);
    private static final String USER = "{\"id\": 4, \"username\": \"carol-gl\", \"name\": \"Carol Lab\"}";

    private final OutboundScrape scrape = new OutboundScrape();
    private final GitLabHostClient client = new GitLabHostClient(new GitLabApis(scrape.metrics()));
    private WireMockServer checked;
    private WireMockServer rebound;

    @AfterEach
    void stop() {
        for (WireMockServer server : new WireMockServer[] {checked, rebound}) {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void theCallGoesToTheAddressThatWasCheckedEvenWhenTheNameNowResolvesElsewhere() throws Exception {
        // GIVEN "localhost" was checked when it resolved to 127.0.0.2, and now resolves to 127.0.0.1, where another server listens on the same port
        checked = new WireMockServer(options().bindAddress("127.0.0.2").dynamicPort());
        checked.start();
        rebound = new WireMockServer(options().bindAddress("127.0.0.1").port(checked.port()));
        rebound.start();
        checked.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(okJson(USER)));
        rebound.stubFor(get(anyUrl()).willReturn(okJson(USER)));
        GitHostAccess access = new GitHostAccess("http://localhost:" + checked.port(), TOKEN, List.of(InetAddress.getByName("127.0.0.2")));

        // WHEN the token is checked
        String owner = client.tokenOwner(access);

        // THEN the checked address answered, asked with the host's name, and the address DNS gives now heard nothing
        assertThat(owner).isEqualTo("carol-gl");
        checked.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/user")).withHeader("Host", equalTo("localhost:" + checked.port())));
        rebound.verify(0, anyRequestedFor(anyUrl()));
        assertThat(scrape.calls("gitlab", "success")).isEqualTo(1);
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowedThere() throws Exception {
        // GIVEN the checked GitLab redirects the call to another host, where a server listens
        checked = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        checked.start();
        rebound = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        rebound.start();
        rebound.stubFor(get(anyUrl()).willReturn(okJson(USER)));
        checked.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + rebound.port() + "/api/v4/user")));
        GitHostAccess access = new GitHostAccess("http://localhost:" + checked.port(), TOKEN, List.of(InetAddress.getByName("127.0.0.1")));

        // WHEN the token is checked, THEN the call fails and the other host hears nothing
        assertThatThrownBy(() -> client.tokenOwner(access)).isInstanceOf(GitHostException.class);
        rebound.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRateLimitedCallFailsAtOnceAndCountsAsRateLimitedWithoutAWait() throws Exception {
        checked = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        checked.start();
        checked.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"429 Too Many Requests\"}")));

        assertThatThrownBy(() -> client.tokenOwner(new GitHostAccess("http://localhost:" + checked.port(), TOKEN, List.of(InetAddress.getByName("127.0.0.1")))))
                .isInstanceOf(GitHostException.class).hasMessage("GitLab answered 429");

        assertThat(scrape.calls("gitlab", "rate_limited")).isEqualTo(1);
        assertThat(scrape.waits("gitlab")).as("GitLab4J does not wait out a 429; the work is tried again later").isZero();
    }

    @Test
    void anUnknownHostIsSaidInWordsWithoutJava() {
        assertThatThrownBy(() -> client.tokenOwner(new GitHostAccess("https://gitlab.invalid", TOKEN)))
                .isInstanceOf(GitHostException.class).hasMessage("Could not reach gitlab.invalid: unknown host");
    }

    @Test
    void aClosedPortIsSaidInWordsWithoutJava() throws IOException {
        int closed = freePort();

        assertThatThrownBy(() -> client.tokenOwner(new GitHostAccess("http://127.0.0.1:" + closed, TOKEN)))
                .isInstanceOf(GitHostException.class).hasMessage("Could not reach 127.0.0.1:" + closed + ": connection refused");
        assertThat(scrape.calls("gitlab", "unreachable")).isEqualTo(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
