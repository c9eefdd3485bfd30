package com.ticolops.bot.conflict;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.ticolops.bot.activity.GitPushes;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** After a push to its target branch, GitHub (played by WireMock) is asked whether an open pull request can still merge. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(UnmergeablePullRequestsTest.Heard.class)
class UnmergeablePullRequestsTest {

    private static final WireMockServer api = new WireMockServer(options().dynamicPort());
    private static final String GITHUB_TOKEN = "ghp_" + "M".repeat(36);

    static {
        api.start();
    }

    @DynamicPropertySource
    static void gitHubOnWireMock(DynamicPropertyRegistry registry) {
        registry.add("ticolops.github.api-url", api::baseUrl);
    }

    /** What the notification module will hear. */
    @TestConfiguration
    static class Heard {

        final List<PullRequestUnmergeable> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PullRequestUnmergeable unmergeable) {
            events.add(unmergeable);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Heard heard;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("general");
    String repository = "octo-org/" + Names.unique("shop");
    String pulls = "/repos/" + repository + "/pulls/12";
    String author = Names.unique("bob-gh");
    String secret;

    @BeforeEach
    void anOpenPullRequestIntoMainInARepositoryWithAToken() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        ticolops.command(alice, channel, "link github " + author);
        api.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", containing(GITHUB_TOKEN))
                .willReturn(okJson("{\"login\": \"alice-gh\", \"id\": 1, \"type\": \"User\"}")));
        secret = ticolops.connectGitHub(alice, channel, repository);
        ticolops.command(alice, channel, "repo token github " + GITHUB_TOKEN + " " + repository);
        api.stubFor(get(urlPathEqualTo("/repos/" + repository)).willReturn(okJson(text("/com/ticolops/bot/repo/github_repository.json")
                .replace("REPOSITORY", repository).replace("NAME", repository.substring(repository.indexOf('/') + 1))
                .replace("API", api.baseUrl()).replace("ADMIN", "false"))));
        api.stubFor(get(urlPathEqualTo(pulls)).inScenario(repository).whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(pullRequest(""))));
        api.stubFor(get(urlPathEqualTo(pulls + "/files")).willReturn(okJson("[]")));
        byte[] opened = Payloads.read(Payloads.ANNOUNCEMENT + "pull_request_opened.json", repository).replace("bob-gh", author)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ticolops.gitHubDelivery("pull_request", UUID.randomUUID().toString(), opened, secret).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                        select count(*) from pull_requests p join repositories r on r.id = p.repository_id
                        where r.full_name = ? and p.files_checked_at is not null""").param(repository).query(Integer.class).single() == 1);
    }

    @Test
    void aPullRequestAPushToItsTargetLeftWithConflictsIsToldToItsAuthorOnceGitHubHasWorkedItOut() {
        api.stubFor(get(urlPathEqualTo(pulls)).inScenario(repository).whenScenarioStateIs("pushed")
                .willReturn(okJson(pullRequest("\"mergeable\": null, \"mergeable_state\": \"unknown\","))).willSetStateTo("computed"));
        api.stubFor(get(urlPathEqualTo(pulls)).inScenario(repository).whenScenarioStateIs("computed")
                .willReturn(okJson(pullRequest("\"mergeable\": false, \"mergeable_state\": \"dirty\","))));
        api.setScenarioState(repository, "pushed");
        String push = UUID.randomUUID().toString();

        ticolops.gitHubDelivery("push", push, GitPushes.push(repository, "main", "carol-gh", "src/basket.html"), secret);

        await().atMost(Duration.ofSeconds(15)).until(() -> heard.events.stream().anyMatch(e -> e.pushDeliveryId().equals(push)));
        PullRequestUnmergeable told = heard.events.stream().filter(e -> e.pushDeliveryId().equals(push)).findFirst().orElseThrow();
        assertThat(told.number()).isEqualTo(12);
        assertThat(told.authorLogin()).isEqualTo(author);
        assertThat(told.authorUserId()).as("the author's login is linked to alice's user").isEqualTo(
                jdbc.sql("select user_id from user_identities where kind = 'console' and external_id = ?").param(alice).query(Long.class).single());
        assertThat(told.sentence()).isEqualTo("Pull request #12 (Basket page) in " + repository
                + " has conflicts with main since carol-gh's push: merge main into basket and resolve them.");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts("@" + alice)).containsExactly(told.sentence()));
    }

    @Test
    void aPullRequestThatStillMergesIsNotTold() {
        api.stubFor(get(urlPathEqualTo(pulls)).inScenario(repository).whenScenarioStateIs("pushed")
                .willReturn(okJson(pullRequest("\"mergeable\": true, \"mergeable_state\": \"clean\","))));
        api.setScenarioState(repository, "pushed");
        String push = UUID.randomUUID().toString();

        ticolops.gitHubDelivery("push", push, GitPushes.push(repository, "main", "carol-gh", "src/basket.html"), secret);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.verify(getRequestedFor(urlPathEqualTo(pulls))
                .withHeader("Authorization", containing(GITHUB_TOKEN))));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> heard.events.stream().noneMatch(e -> e.pushDeliveryId().equals(push)));
    }

    private String pullRequest(String mergeable) {
        return text("/com/ticolops/bot/history/github_pull_request.json").replace("REPOSITORY", repository).replace("API", api.baseUrl())
                .replace("\"draft\": false,", "\"draft\": false, " + mergeable);
    }

    private static String text(String name) {
        return Payloads.text(UnmergeablePullRequestsTest.class, name);
    }
}
