package com.ticolops.bot.repo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * GitHub taking 5 s to answer while 20 repositories are connected at once: the connects wait on GitHub without holding
 * a database connection, so the pool (10 connections, Hikari's default) stays free for webhooks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlowGitHubTest {

    private static final int CONNECTS = 20;
    private static final Duration GITHUB_DELAY = Duration.ofSeconds(5);
    private static final String TOKEN = "ghp_" + "S".repeat(36);
    // Enough threads to hold every delayed request at once and still answer the rest.
    private static final WireMockServer github = new WireMockServer(options().dynamicPort().containerThreads(CONNECTS + 20));

    static {
        github.start();
    }

    @DynamicPropertySource
    static void gitHubOnWireMock(DynamicPropertyRegistry registry) {
        registry.add("ticolops.github.api-url", github::baseUrl);
    }

    @AfterAll
    static void stop() {
        github.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void twentyConnectsWaitingOnASlowGitHubLeaveWebhooksAcknowledgedAtOnce() throws Exception {
        // GIVEN a project with a repository whose webhook delivers, a GitHub token, and 20 repositories GitHub is slow to tell about
        Ticolops ticolops = new Ticolops(port);
        String alice = Names.unique("alice");
        String channel = Names.unique("shop-dev");
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        String delivering = "octo-org/" + Names.unique("delivering");
        String secret = ticolops.connectGitHub(alice, channel, delivering);
        github.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"login\": \"alice-gh\", \"id\": 1, \"type\": \"User\"}")));
        assertThat(ticolops.command(alice, channel, "repo token github " + TOKEN).text()).startsWith("Saved alice-gh's GitHub token");
        String prefix = Names.unique("slow");
        List<String> slow = IntStream.range(0, CONNECTS).mapToObj(i -> "octo-org/" + prefix + "-" + i).toList();
        for (String repository : slow) {
            stubSlowRepository(repository);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(delivery(ticolops, delivering, secret)).isEqualTo(202);
        }

        // WHEN alice connects the 20 repositories at once
        ExecutorService users = Executors.newFixedThreadPool(CONNECTS);
        List<Future<Ticolops.Response>> connects = slow.stream()
                .map(repository -> users.submit(() -> ticolops.command(alice, channel, "repo connect github " + repository))).toList();
        await().atMost(GITHUB_DELAY).untilAsserted(() -> assertThat(github.findAll(getRequestedFor(urlPathMatching("/repos/octo-org/" + prefix + "-[0-9]+"))))
                .as("connects waiting on GitHub at once, none held back by the database pool")
                .hasSize(CONNECTS));

        // THEN webhooks arriving meanwhile are each acknowledged within half a second: far below GitHub's 5 s, which a
        // delivery waiting on the pool would take, and with room for a busy CI machine (one took 110 ms there)
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            assertThat(delivery(ticolops, delivering, secret)).isEqualTo(202);
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        assertThat(connects).as("the deliveries ran while every connect still waited on GitHub").noneMatch(Future::isDone);
        assertThat(millis).as("acknowledgement times in ms").allMatch(ms -> ms < 500);
        // AND every connect succeeds once GitHub answers
        for (int i = 0; i < CONNECTS; i++) {
            assertThat(connects.get(i).get(30, TimeUnit.SECONDS).text()).startsWith("Connected " + slow.get(i) + " to ")
                    .contains("registered its webhook on GitHub");
        }
        users.shutdown();
    }

    private static int delivery(Ticolops ticolops, String repository, String secret) {
        return ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", repository), secret)
                .status();
    }

    private static void stubSlowRepository(String repository) {
        String name = repository.substring(repository.indexOf('/') + 1);
        github.stubFor(get(urlPathEqualTo("/repos/" + repository)).willReturn(okJson(text("github_repository.json")
                        .replace("REPOSITORY", repository).replace("NAME", name).replace("API", github.baseUrl()).replace("ADMIN", "true"))
                .withFixedDelay((int) GITHUB_DELAY.toMillis())));
        github.stubFor(post(urlPathEqualTo("/repos/" + repository + "/hooks")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(text("github_hook_created.json").replace("REPOSITORY", repository).replace("API", github.baseUrl()))));
    }

    private static String text(String name) {
        return Payloads.text(SlowGitHubTest.class, name);
    }
}
