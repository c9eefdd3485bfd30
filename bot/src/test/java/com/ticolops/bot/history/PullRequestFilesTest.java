package com.ticolops.bot.history;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.integrations.git.PullRequestChanged;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The files a pull (merge) request changes, asked of GitHub's and GitLab's APIs (played by WireMock) after the webhook. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PullRequestFilesTest {

    private static final WireMockServer api = new WireMockServer(options().dynamicPort());
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String GITHUB_TOKEN = "ghp_" + "F".repeat(36);
    private static final String GITLAB_TOKEN = "glpat-" + "G".repeat(20);

    static {
        api.start();
    }

    @DynamicPropertySource
    static void apisOnWireMock(DynamicPropertyRegistry registry) {
        registry.add("ticolops.github.api-url", api::baseUrl);
        registry.add("ticolops.gitlab.allowed-networks", () -> "127.0.0.0/8");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FailedEventPublications failed;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("shop-dev");
    String repository = "octo-org/" + Names.unique("shop");
    String pulls = "/repos/" + repository + "/pulls/12";

    @BeforeEach
    void aProject() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        api.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", containing(GITHUB_TOKEN))
                .willReturn(okJson("{\"login\": \"alice-gh\", \"id\": 1, \"type\": \"User\"}")));
    }

    @Test
    void withATokenTheFilesOfAnOpenedPullRequestAreStoredFromEveryPageRenamedOnesUnderTheirNewPath() {
        // GIVEN a connected repository with a token, whose pull request #12 changes three files over two pages
        String secret = connectGitHubWithToken();
        stubGitHubPullRequest();
        api.stubFor(get(urlPathEqualTo(pulls + "/files")).withQueryParam("page", absent())
                .willReturn(okJson(text("github_pull_request_files_page1.json")).withHeader("Link",
                        "<" + api.baseUrl() + pulls + "/files?per_page=100&page=2>; rel=\"next\", <" + api.baseUrl() + pulls
                                + "/files?per_page=100&page=2>; rel=\"last\"")));
        api.stubFor(get(urlPathEqualTo(pulls + "/files")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(text("github_pull_request_files_page2.json"))));

        // WHEN GitHub delivers the pull request's opening
        deliverGitHub(secret, UUID.randomUUID().toString());

        // THEN its row holds the files of both pages, and the rest of the pull request as the webhook told it
        await().atMost(WAIT).untilAsserted(() -> assertThat(files(repository, 12))
                .containsExactly("src/basket.html", "src/checkout/cart.js", "docs/old basket, \"v1\".md"));
        assertThat(jdbc.sql("select title || ' ' || state || ' ' || (files_checked_at is not null) || ' ' || (opened_at is not null) "
                        + "from pull_requests where repository_id = ? and number = 12").param(repositoryId(repository)).query(String.class).single())
                .isEqualTo("Basket page open true true");
        api.verify(1, getRequestedFor(urlPathEqualTo(pulls + "/files")).withQueryParam("page", equalTo("2")));
    }

    @Test
    void withoutATokenTheFilesStayEmptyAndNothingFails() {
        // GIVEN a repository connected by hand, with no token anywhere
        String secret = ticolops.connectGitHub(alice, channel, repository);

        // WHEN a pull request is opened
        String delivery = UUID.randomUUID().toString();
        deliverGitHub(secret, delivery);

        // THEN the pull request is kept without files, GitHub's API was not asked, and the event is done
        await().atMost(WAIT).untilAsserted(() -> assertThat(publicationsOf(delivery)).containsExactly("completed"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("select state from pull_requests where repository_id = ? and number = 12")
                .param(repositoryId(repository)).query(String.class).list()).containsExactly("open"));
        assertThat(files(repository, 12)).isEmpty();
        assertThat(jdbc.sql("select files_checked_at is null from pull_requests where repository_id = ? and number = 12")
                .param(repositoryId(repository)).query(Boolean.class).single()).isTrue();
        api.verify(0, getRequestedFor(urlPathMatching(pulls + ".*")));
    }

    @Test
    void aServerErrorIsRetriedUntilTheApiAnswers() {
        // GIVEN GitHub's API fails with 500 once, then answers
        String secret = connectGitHubWithToken();
        stubGitHubPullRequest();
        api.stubFor(get(urlPathEqualTo(pulls + "/files")).inScenario(repository).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody("{\"message\": \"Server Error\"}"))
                .willSetStateTo("recovered"));
        api.stubFor(get(urlPathEqualTo(pulls + "/files")).inScenario(repository).whenScenarioStateIs("recovered")
                .willReturn(okJson(text("github_pull_request_files_page2.json"))));

        // WHEN the pull request is opened
        String delivery = UUID.randomUUID().toString();
        deliverGitHub(secret, delivery);

        // THEN the first attempt fails the event, the pull request itself is kept, and the resubmission stores the files
        await().atMost(WAIT).untilAsserted(() -> assertThat(publicationsOf(delivery)).containsExactly("failed"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("select count(*) from pull_requests where repository_id = ? and number = 12")
                .param(repositoryId(repository)).query(Integer.class).single()).isOne());
        assertThat(files(repository, 12)).isEmpty();
        resubmit(delivery);
        await().atMost(WAIT).untilAsserted(() -> assertThat(files(repository, 12)).containsExactly("docs/old basket, \"v1\".md"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(publicationsOf(delivery)).containsExactly("completed"));
    }

    @Test
    void aServerErrorPastTheRetryWindowIsGivenUpAndTheEventCompleted() {
        // GIVEN GitHub's API keeps failing with 500
        String secret = connectGitHubWithToken();
        stubGitHubPullRequest();
        api.stubFor(get(urlPathEqualTo(pulls + "/files"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody("{\"message\": \"Server Error\"}")));
        String delivery = UUID.randomUUID().toString();
        deliverGitHub(secret, delivery);
        await().atMost(WAIT).untilAsserted(() -> assertThat(publicationsOf(delivery)).containsExactly("failed"));

        // WHEN it is tried again after the delivery is older than the retry window
        jdbc.sql("update webhook_deliveries set received_at = received_at - cast(? as interval) where provider = 'github' and delivery_id = ?")
                .params(PullRequestFiles.RETRIED_FOR.plusMinutes(1).toSeconds() + " seconds", delivery).update();
        resubmit(delivery);

        // THEN the event is done, without files
        await().atMost(WAIT).untilAsserted(() -> assertThat(publicationsOf(delivery)).containsExactly("completed"));
        assertThat(files(repository, 12)).isEmpty();
    }

    @Test
    void theFilesOfAGitLabMergeRequestAreStoredDeletedOnesUnderTheirOldPath() {
        // GIVEN a self-hosted GitLab project connected by hand, then given a token
        String base = "http://127.0.0.1:" + api.port();
        String project = "acme/" + Names.unique("shop");
        // GitLab4J sends the path URL-encoded, down to the dashes
        String encoded = project.replace("-", "%2D").replace("/", "%2F");
        String secretToken = ticolops.connectGitLab(alice, channel, project + " " + base);
        api.stubFor(get(urlPathEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", containing(GITLAB_TOKEN))
                .willReturn(okJson("{\"id\": 4, \"username\": \"carol-gl\", \"name\": \"Carol Lab\"}")));
        assertThat(ticolops.command(alice, channel, "repo token gitlab " + GITLAB_TOKEN + " " + project + " " + base).text())
                .startsWith("Saved carol-gl's GitLab token");
        api.stubFor(get(urlPathMatching("/api/v4/projects/" + encoded + "/merge_requests/7/diffs"))
                .withHeader("PRIVATE-TOKEN", containing(GITLAB_TOKEN))
                .willReturn(okJson(text("gitlab_merge_request_diffs.json")).withHeader("X-Page", "1").withHeader("X-Per-Page", "96")
                        .withHeader("X-Total", "3").withHeader("X-Total-Pages", "1")));

        // WHEN GitLab delivers the merge request's opening
        byte[] body = text("gitlab_merge_request_opened.json").replace("REPOSITORY", project).replace("BASE", base).getBytes(StandardCharsets.UTF_8);
        assertThat(ticolops.gitLabDelivery("Merge Request Hook", UUID.randomUUID().toString(), body, secretToken).status()).isEqualTo(202);

        // THEN its row holds the changed, the renamed (new path) and the deleted (old path) files
        await().atMost(WAIT).untilAsserted(() -> assertThat(files(project, 7))
                .containsExactly("app/checkout.rb", "app/checkout/cart.rb", "app/legacy_basket.rb"));
    }

    private String connectGitHubWithToken() {
        String secret = ticolops.connectGitHub(alice, channel, repository);
        assertThat(ticolops.command(alice, channel, "repo token github " + GITHUB_TOKEN + " " + repository).text())
                .startsWith("Saved alice-gh's GitHub token for " + repository);
        return secret;
    }

    private void stubGitHubPullRequest() {
        api.stubFor(get(urlPathEqualTo("/repos/" + repository)).willReturn(okJson(text("/com/ticolops/bot/repo/github_repository.json")
                .replace("REPOSITORY", repository).replace("NAME", repository.substring(repository.indexOf('/') + 1))
                .replace("API", api.baseUrl()).replace("ADMIN", "false"))));
        api.stubFor(get(urlPathEqualTo(pulls)).willReturn(okJson(text("github_pull_request.json")
                .replace("REPOSITORY", repository).replace("API", api.baseUrl()))));
    }

    private void deliverGitHub(String secret, String delivery) {
        byte[] body = text("/com/ticolops/bot/announcement/pull_request_opened.json").replace("REPOSITORY", repository)
                .getBytes(StandardCharsets.UTF_8);
        Ticolops.Response response = ticolops.gitHubDelivery("pull_request", delivery, body, secret);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
    }

    /** Resubmits this delivery's failed publication now, as the housekeeping task does every 30 s. */
    private void resubmit(String delivery) {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(Duration.ZERO)
                .withFilter(publication -> publication.getEvent() instanceof PullRequestChanged pr && pr.deliveryId().equals(delivery)));
    }

    /** What became of this delivery's event at the files listener. */
    private List<String> publicationsOf(String delivery) {
        return jdbc.sql("select case when completion_date is not null then 'completed' when status = 'FAILED' then 'failed' else 'pending' end "
                        + "from event_publication where listener_id like '%PullRequestFiles%' and serialized_event like ?")
                .param("%" + delivery + "%").query(String.class).list();
    }

    private List<String> files(String fullName, int number) {
        return jdbc.sql("select files from pull_requests where repository_id = ? and number = ?").params(repositoryId(fullName), number)
                .query((row, n) -> strings(row.getArray("files"))).optional().orElse(List.of());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private long repositoryId(String fullName) {
        return jdbc.sql("select id from repositories where full_name = ?").param(fullName).query(Long.class).single();
    }

    private static String text(String name) {
        return Payloads.text(PullRequestFilesTest.class, name);
    }
}
