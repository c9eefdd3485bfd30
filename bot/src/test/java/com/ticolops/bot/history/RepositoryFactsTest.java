package com.ticolops.bot.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RepositoryFactsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String channel = Names.unique("shop-dev");
    String repository = "octo-org/" + Names.unique("shop");
    String secret;

    @BeforeEach
    void aConnectedRepository() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        secret = ticolops.connectGitHub(alice, channel, repository);
    }

    @Test
    void pushedCommitsAreKeptWithAuthorTimeBranchAndFilesOnceEvenWhenPushedAgain() {
        deliver("push", Payloads.ANNOUNCEMENT + "push.json");
        deliver("push", Payloads.ANNOUNCEMENT + "push.json");

        await().atMost(WAIT).untilAsserted(() -> assertThat(rows("select sha from repository_commits where repository_id = ?")).hasSize(2));
        Map<String, Object> first = jdbc.sql("select author, message, authored_at, branch, array_to_string(files, ',') as files from repository_commits "
                + "where repository_id = ? and sha like '2222222%'").param(repositoryId()).query().singleRow();
        assertThat(first.get("author")).isEqualTo("alice-gh");
        assertThat(first.get("message")).isEqualTo("Add the basket page");
        assertThat(first.get("branch")).isEqualTo("main");
        assertThat(((java.sql.Timestamp) first.get("authored_at")).toInstant()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(first.get("files")).isEqualTo("basket.html");
    }

    @Test
    void aPullRequestIsOneRowThatFollowsItFromOpenedToMergedWithItsReviews() {
        deliver("pull_request", Payloads.ANNOUNCEMENT + "pull_request_opened.json");
        await().atMost(WAIT).untilAsserted(() -> assertThat(rows("select state from pull_requests where repository_id = ?")).containsExactly("open"));

        deliver("pull_request_review", "review_approved.json");
        deliver("pull_request", "pull_request_merged.json");

        await().atMost(WAIT).untilAsserted(() -> assertThat(rows("select state from pull_requests where repository_id = ?")).containsExactly("merged"));
        Map<String, Object> pr = jdbc.sql("select author, target_branch, array_to_string(labels, ',') as labels, opened_at is not null as opened, "
                + "merged_at is not null as merged, closed_at is not null as closed from pull_requests where repository_id = ?").param(repositoryId())
                .query().singleRow();
        assertThat(pr).containsEntry("author", "bob-gh").containsEntry("target_branch", "main").containsEntry("labels", "checkout")
                .containsEntry("opened", true).containsEntry("merged", true).containsEntry("closed", true);
        await().atMost(WAIT).untilAsserted(() -> assertThat(rows("select reviewer || ' ' || state from pull_request_reviews where repository_id = ? and number = 12"))
                .containsExactly("dave-gh approved"));
    }

    @Test
    void finishedPipelinesAndDeploymentStatusesAreKeptWithTheirTimes() {
        deliver("workflow_run", Payloads.ANNOUNCEMENT + "workflow_run_failed.json");
        deliver("deployment_status", "deployment_status_success.json");

        await().atMost(WAIT).untilAsserted(() -> assertThat(rows("select outcome || ' ' || branch || ' ' || extract(epoch from finished_at - started_at)::int "
                + "from pipeline_runs where repository_id = ?")).containsExactly("failure main 250"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rows("select environment || ' ' || state || ' ' || outcome from deployment_statuses "
                + "where repository_id = ?")).containsExactly("production success success"));
    }

    @Test
    void eventsOfARepositoryNoProjectConnectedAreNotKept() {
        String stranger = "octo-org/" + Names.unique("stranger");

        Ticolops.Response response = ticolops.gitHubDelivery("push", UUID.randomUUID().toString(),
                payload(Payloads.ANNOUNCEMENT + "push.json").replace(repository, stranger).getBytes(StandardCharsets.UTF_8), secret);

        assertThat(response.status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from repository_commits c join repositories r on r.id = c.repository_id where r.full_name = ?")
                .param(stranger).query(Integer.class).single()).isZero();
    }

    private void deliver(String event, String resource) {
        Ticolops.Response response = ticolops.gitHubDelivery(event, UUID.randomUUID().toString(), payload(resource).getBytes(StandardCharsets.UTF_8), secret);
        assertThat(response.status()).as(event + ": " + response.body()).isEqualTo(202);
    }

    private List<String> rows(String sql) {
        return jdbc.sql(sql).param(repositoryId()).query(String.class).list();
    }

    private long repositoryId() {
        return jdbc.sql("select id from repositories where full_name = ?").param(repository).query(Long.class).single();
    }

    /** {@code name} is absolute ({@code /com/...}) or in this package. */
    private String payload(String name) {
        return Payloads.read(name.startsWith("/") ? name : "/com/ticolops/bot/history/" + name, repository);
    }
}
