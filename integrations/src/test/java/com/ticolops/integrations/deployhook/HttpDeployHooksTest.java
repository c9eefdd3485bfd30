package com.ticolops.integrations.deployhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ticolops.integrations.git.DeployClient.DeployRequest;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.net.OutboundScrape;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WireMock as the deploy platform, listening on 127.0.0.1 under names that resolve nowhere ({@code .test} is reserved):
 * the hook can only reach it through the addresses pinned when it was checked.
 */
class HttpDeployHooksTest {

    private static final String VERCEL_HOOK = "/v1/integrations/deploy/prj_Rocket/s3cretKey";
    private static final DeployRequest REQUEST = new DeployRequest(42, "main", "a1b2c3d4e5f6", "production", "alice");

    private final WireMockServer platform = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final OutboundScrape scrape = new OutboundScrape();
    private final HttpDeployHooks hooks = new HttpDeployHooks(scrape.metrics());
    private List<InetAddress> loopback;

    @BeforeEach
    void start() throws IOException {
        platform.start();
        loopback = List.of(InetAddress.getByName("127.0.0.1"));
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    @Test
    void GIVEN_a_hook_whose_host_name_resolves_nowhere_WHEN_triggered_THEN_the_pinned_address_gets_a_POST_named_for_the_host_with_the_request_as_JSON() {
        // GIVEN hooks.example.test was checked when it resolved to 127.0.0.1 (today it resolves to nothing at all)
        platform.stubFor(post(urlEqualTo("/deploy/abc")).willReturn(aResponse().withStatus(201).withBody("{\"job\":{\"id\":\"j1\"}}")));
        GitHostAccess hook = new GitHostAccess("http://hooks.example.test:" + platform.port() + "/deploy/abc", null, loopback);

        // WHEN it is triggered
        int status = hooks.trigger(hook, REQUEST);

        // THEN the platform took it, asked for by the hook's host name, with what is deployed, and no token was invented
        assertThat(status).isEqualTo(201);
        platform.verify(1, postRequestedFor(urlEqualTo("/deploy/abc"))
                .withHeader("Host", equalTo("hooks.example.test:" + platform.port()))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withoutHeader("Authorization")
                .withRequestBody(equalToJson("""
                        {"ticolops_deployment": 42, "ref": "main", "sha": "a1b2c3d4e5f6", "environment": "production", "requested_by": "alice"}""")));
        assertThat(scrape.calls("deploy_hook", "success")).isEqualTo(1);
    }

    @Test
    void GIVEN_an_endpoint_of_ones_own_with_a_token_WHEN_triggered_THEN_the_token_goes_as_a_bearer_token() {
        platform.stubFor(post(urlEqualTo("/deploy")).willReturn(aResponse().withStatus(202)));

        int status = hooks.trigger(new GitHostAccess("http://deploy.example.test:" + platform.port() + "/deploy", "tok3n", loopback), REQUEST);

        assertThat(status).isEqualTo(202);
        platform.verify(postRequestedFor(urlEqualTo("/deploy")).withHeader("Authorization", equalTo("Bearer tok3n")));
    }

    @Test
    void GIVEN_vercel_answers_500_WHEN_triggered_THEN_it_fails_in_vercels_words_without_the_hooks_secret_path() {
        platform.stubFor(post(urlEqualTo(VERCEL_HOOK)).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\": {\"code\": \"internal_server_error\", \"message\": \"An unexpected error occurred.\"}}")));
        GitHostAccess hook = new GitHostAccess("http://api.vercel.com:" + platform.port() + VERCEL_HOOK, null, loopback);

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> hooks.trigger(hook, REQUEST));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.FAILED);
        assertThat(failure).hasMessage("Vercel answered 500: An unexpected error occurred.");
        assertThat(scrape.calls("deploy_hook", "server_error")).isEqualTo(1);
    }

    @Test
    void GIVEN_a_hook_that_is_gone_WHEN_triggered_THEN_it_fails_with_the_first_line_of_its_answer() {
        platform.stubFor(post(urlEqualTo("/build_hooks/64f1")).willReturn(aResponse().withStatus(404).withBody("Not Found\n")));
        GitHostAccess hook = new GitHostAccess("http://api.netlify.com:" + platform.port() + "/build_hooks/64f1", null, loopback);

        assertThat(catchThrowableOfType(GitHostException.class, () -> hooks.trigger(hook, REQUEST)))
                .hasMessage("Netlify answered 404: Not Found");
    }

    @Test
    void GIVEN_a_hook_that_redirects_WHEN_triggered_THEN_the_redirect_is_not_followed_because_its_target_was_never_checked() {
        platform.stubFor(post(urlEqualTo("/deploy")).willReturn(aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/latest")));
        GitHostAccess hook = new GitHostAccess("http://hooks.example.test:" + platform.port() + "/deploy", null, loopback);

        GitHostException failure = catchThrowableOfType(GitHostException.class, () -> hooks.trigger(hook, REQUEST));

        assertThat(failure.reason()).isEqualTo(GitHostException.Reason.FAILED);
        assertThat(failure.getMessage()).startsWith("hooks.example.test answered 302");
        platform.verify(1, anyRequestedFor(anyUrl()));
        assertThat(scrape.calls("deploy_hook", "client_error")).isEqualTo(1);
    }

    @Test
    void GIVEN_nothing_listens_at_the_pinned_address_WHEN_triggered_THEN_it_fails_in_words_naming_only_the_host() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        GitHostAccess hook = new GitHostAccess("http://hooks.example.test:" + closed + "/deploy/s3cret", null, loopback);

        assertThat(catchThrowableOfType(GitHostException.class, () -> hooks.trigger(hook, REQUEST)))
                .hasMessage("Could not reach hooks.example.test:" + closed + ": connection refused");
        assertThat(scrape.calls("deploy_hook", "unreachable")).isEqualTo(1);
    }
}
