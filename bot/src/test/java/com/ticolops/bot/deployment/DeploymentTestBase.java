package com.ticolops.bot.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ticolops.bot.testsupport.FakeGitHub;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A project with a GitHub repository connected from the console, a token for it, and the recording deploy clients; the
 * token check goes to GitHub's and GitLab's APIs played by WireMock. Every test class extending this shares one
 * application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DeploymentTestBase {

    static final WireMockServer api = new WireMockServer(options().dynamicPort());
    static final String GITHUB_TOKEN = "ghp_" + "D".repeat(36);
    static final String GITLAB_TOKEN = "glpat-" + "E".repeat(20);
    static final String MAIN = "3333333333333333333333333333333333333333";
    static final String EARLIER = "1111111111111111111111111111111111111111";

    static {
        api.start();
        api.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", containing(GITHUB_TOKEN))
                .willReturn(okJson("{\"login\": \"alice-gh\", \"id\": 1, \"type\": \"User\"}")));
        api.stubFor(get(urlPathEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", containing(GITLAB_TOKEN))
                .willReturn(okJson("{\"id\": 4, \"username\": \"alice-gl\", \"name\": \"Alice Lab\"}")));
    }

    @DynamicPropertySource
    static void apisOnWireMock(DynamicPropertyRegistry registry) {
        registry.add("ticolops.github.api-url", api::baseUrl);
        registry.add("ticolops.gitlab.url", api::baseUrl);
        // Deploy hooks on WireMock, at 127.0.0.1: an administrator's allowed network, where http is accepted too.
        registry.add("ticolops.gitlab.allowed-networks", () -> "127.0.0.0/8");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("shop-dev");
    String project = Names.unique("shop");
    String repository = "octo-org/" + Names.unique("shop");
    String secret;
    FakeGitHub github;

    @BeforeEach
    void aProjectWithAConnectedGitHubRepositoryAndItsToken() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + project);
        secret = ticolops.connectGitHub(alice, channel, repository);
        assertThat(ticolops.command(alice, channel, "repo token github " + GITHUB_TOKEN + " " + repository).text()).startsWith("Saved");
        github = new FakeGitHub(api, repository).ref("main", MAIN).ref("v1.0", EARLIER).ships(List.of(
                new FakeGitHub.Commit("2222222222222222222222222222222222222222", "Add the basket page\n\nWith totals.", "Alice Liddell"),
                new FakeGitHub.Commit(MAIN, "Fix rounding of totals", "Bob Builder"))).nextDeployment(7001);
    }

    /** A member of the project with {@code role}, running commands from the same channel. */
    String member(String role) {
        String name = Names.unique(role);
        assertThat(ticolops.command(alice, channel, "member add @" + name + " " + role).status()).isEqualTo(200);
        return name;
    }

    Ticolops.Response command(String user, String text) {
        return ticolops.command(user, channel, text);
    }

    /** GitHub telling how the deployment it knows as {@code providerId} goes, signed with the repository's secret. */
    Ticolops.Response deploymentStatus(String providerId, String state, String sha, String environment) {
        return deploymentStatus(providerId, state, sha, environment, "https://shop.example.com");
    }

    /** @param environmentUrl the status's environment URL; empty: only its target URL, the workflow run (3002) */
    Ticolops.Response deploymentStatus(String providerId, String state, String sha, String environment, String environmentUrl) {
        String body = Payloads.read("/com/ticolops/bot/deployment/deployment_status.json", repository).replace("DEPLOYMENT_ID", providerId)
                .replace("STATE", state).replace("SHA", sha).replace("ENVIRONMENT_URL", environmentUrl).replace("ENVIRONMENT", environment);
        return ticolops.gitHubDelivery("deployment_status", UUID.randomUUID().toString(), body.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** The messages of the channel about deployments, as they read now. */
    List<String> deploymentMessages() {
        return ticolops.channelTexts(channel).stream().filter(text -> text.startsWith("Deployment #") || text.startsWith("Rollback #")).toList();
    }

    /** The repository's deployments as stored, oldest first. */
    List<java.util.Map<String, Object>> deployments() {
        return jdbc.sql("""
                        select d.id, d.environment, d.ref, d.sha, d.status, d.in_flight, d.requested_by_name, d.provider_id, d.rollback_of, d.queued_at,
                               d.building_at, d.finished_at, d.environment_url, d.failure_log, d.failure_hint, d.override_reason
                        from deployments d join repositories r on r.id = d.repository_id where r.full_name = ? order by d.id""")
                .param(repository).query().listOfRows();
    }

    java.util.Map<String, Object> latestDeployment() {
        List<java.util.Map<String, Object>> all = deployments();
        assertThat(all).as("deployments of " + repository).isNotEmpty();
        return all.get(all.size() - 1);
    }
}
