package com.ticolops.integrations.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ticolops.integrations.git.CiRunChanged;
import com.ticolops.integrations.git.CommentAdded;
import com.ticolops.integrations.git.DeploymentStatusChanged;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.IssueChanged;
import com.ticolops.integrations.git.PipelineFinished;
import com.ticolops.integrations.git.ReleasePublished;
import com.ticolops.integrations.git.RepositoryActivity.Outcome;
import com.ticolops.integrations.git.ReviewSubmitted;
import com.ticolops.integrations.git.SharedFixtures;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payloads are parsed with github-api's offline instance: any getter that tried to reach api.github.com would fail
 * with an IOException instead of fetching, so these tests also show nothing goes to the network.
 */
class GitHubPayloadsTest {

    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    @Test
    void GIVEN_a_push_of_two_commits_to_main_WHEN_read_THEN_one_PushReceived_tells_who_pushed_what_where() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("push", DELIVERY, fixture("push-two-commits.json"));

        assertThat(events).singleElement().isInstanceOf(PushReceived.class);
        PushReceived push = (PushReceived) events.get(0);
        assertThat(push.provider()).isEqualTo(GitProvider.GITHUB);
        assertThat(push.deliveryId()).isEqualTo(DELIVERY);
        assertThat(push.repository()).isEqualTo("acme/rocket");
        assertThat(push.repositoryUrl()).isEqualTo("https://github.com/acme/rocket");
        assertThat(push.ref()).isEqualTo("refs/heads/main");
        assertThat(push.refName()).isEqualTo("main");
        assertThat(push.isTag()).isFalse();
        assertThat(push.pusher()).isEqualTo("alice");
        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isFalse();
        assertThat(push.forced()).isFalse();
        assertThat(push.compareUrl()).isEqualTo("https://github.com/acme/rocket/compare/111111111111...333333333333");
        assertThat(push.commits()).containsExactly(
                new PushReceived.Commit("2222222222222222222222222222222222222222", "Fix the launch countdown", "alice",
                        "https://github.com/acme/rocket/commit/2222222222222222222222222222222222222222", List.of("src/countdown.ts", "src/launch.ts"),
                        Instant.parse("2026-03-02T09:15:00Z")),
                new PushReceived.Commit("3333333333333333333333333333333333333333", "Update README", "Bob Builder",
                        "https://github.com/acme/rocket/commit/3333333333333333333333333333333333333333", List.of("README.md", "docs/old.md"), null));
        assertThat(push.paths()).containsExactly("src/countdown.ts", "src/launch.ts", "README.md", "docs/old.md");
    }

    @Test
    void GIVEN_a_push_whose_commits_list_no_files_WHEN_read_THEN_it_is_a_push_of_commits_without_files() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("push", DELIVERY, fixture("push-commit-without-file-lists.json"));

        PushReceived push = (PushReceived) events.get(0);
        assertThat(push.commits()).containsExactly(new PushReceived.Commit("2222222222222222222222222222222222222222", "Add the basket page",
                "alice", "https://github.com/acme/rocket/commit/2222222", List.of(), null));
        assertThat(push.paths()).isEmpty();
    }

    @Test
    void GIVEN_a_multi_line_commit_message_WHEN_read_THEN_only_its_first_line_is_kept() throws IOException {
        PushReceived push = (PushReceived) GitHubPayloads.toEvents("push", DELIVERY, fixture("push-two-commits.json")).get(0);

        assertThat(push.commits().get(0).message()).isEqualTo("Fix the launch countdown").doesNotContain("\n");
    }

    @Test
    void GIVEN_a_commit_author_without_a_github_username_WHEN_read_THEN_the_author_is_their_name() throws IOException {
        PushReceived push = (PushReceived) GitHubPayloads.toEvents("push", DELIVERY, fixture("push-two-commits.json")).get(0);

        assertThat(push.commits()).extracting(PushReceived.Commit::author).containsExactly("alice", "Bob Builder");
    }

    @Test
    void GIVEN_a_branch_deletion_WHEN_read_THEN_the_push_is_marked_deleted_and_has_no_commits() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("push", DELIVERY, fixture("push-branch-deleted.json"));

        assertThat(events).singleElement().isInstanceOf(PushReceived.class);
        PushReceived push = (PushReceived) events.get(0);
        assertThat(push.deleted()).isTrue();
        assertThat(push.created()).isFalse();
        assertThat(push.commits()).isEmpty();
        assertThat(push.refName()).isEqualTo("feature/old-stuff");
        assertThat(push.isTag()).isFalse();
        assertThat(push.pusher()).isEqualTo("bob");
    }

    @Test
    void GIVEN_a_tag_push_WHEN_read_THEN_the_push_is_a_created_tag_named_without_its_refs_prefix() throws IOException {
        PushReceived push = (PushReceived) GitHubPayloads.toEvents("push", DELIVERY, fixture("push-tag.json")).get(0);

        assertThat(push.isTag()).isTrue();
        assertThat(push.ref()).isEqualTo("refs/tags/v1.0.0");
        assertThat(push.refName()).isEqualTo("v1.0.0");
        assertThat(push.created()).isTrue();
        assertThat(push.deleted()).isFalse();
        assertThat(push.commits()).isEmpty();
    }

    @Test
    void GIVEN_a_pull_request_opened_as_draft_WHEN_read_THEN_one_PullRequestChanged_describes_it() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("pull_request", DELIVERY, fixture("pull-request-opened.json"));

        assertThat(events).containsExactly(new PullRequestChanged(GitProvider.GITHUB, DELIVERY, "acme/rocket", "opened", 7,
                "Add a parachute", "carol", "dave", "https://github.com/acme/rocket/pull/7", "feature/parachute", "main",
                false, true, List.of("safety", "priority:high"), false, Instant.parse("2026-03-02T09:30:00Z")));
    }

    @Test
    void aReviewRequestNamesThePersonAskedAndNotEveryoneAskedBefore() throws IOException {
        String body = fixture("pull-request-opened.json").replace("\"action\": \"opened\"", "\"action\": \"review_requested\"")
                .replace("\"sender\":", "\"requested_reviewer\": {\"login\": \"grace\", \"id\": 70},\n  \"sender\":");

        PullRequestChanged requested = (PullRequestChanged) GitHubPayloads.toEvents("pull_request", DELIVERY, body).get(0);

        assertThat(requested.requestedReviewers()).containsExactly("grace");
        assertThat(requested.mentions()).isEmpty();
    }

    @Test
    void GIVEN_a_pull_request_edited_onto_another_base_WHEN_read_THEN_its_base_changed_and_a_title_edit_does_not_say_so() throws IOException {
        String opened = fixture("pull-request-opened.json").replace("\"action\": \"opened\"", "\"action\": \"edited\"");
        String rebased = opened.replace("\"sender\":", "\"changes\": {\"base\": {\"ref\": {\"from\": \"develop\"}, \"sha\": {\"from\": \"4444\"}}},\n  \"sender\":");
        String retitled = opened.replace("\"sender\":", "\"changes\": {\"title\": {\"from\": \"Add a chute\"}},\n  \"sender\":");

        PullRequestChanged moved = (PullRequestChanged) GitHubPayloads.toEvents("pull_request", DELIVERY, rebased).get(0);
        PullRequestChanged renamed = (PullRequestChanged) GitHubPayloads.toEvents("pull_request", DELIVERY, retitled).get(0);

        assertThat(moved.action()).isEqualTo("edited");
        assertThat(moved.baseChanged()).isTrue();
        assertThat(renamed.baseChanged()).isFalse();
    }

    @Test
    void GIVEN_a_pull_request_closed_with_merged_at_set_WHEN_read_THEN_it_is_merged() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("pull_request", DELIVERY, fixture("pull-request-closed-merged.json"));

        assertThat(events).singleElement().isInstanceOf(PullRequestChanged.class);
        PullRequestChanged pr = (PullRequestChanged) events.get(0);
        assertThat(pr.action()).isEqualTo("closed");
        assertThat(pr.merged()).isTrue();
        assertThat(pr.draft()).isFalse();
        assertThat(pr.author()).isEqualTo("carol");
        assertThat(pr.actor()).isEqualTo("alice");
    }

    @Test
    void GIVEN_an_event_we_do_not_handle_WHEN_read_THEN_it_means_no_events() throws IOException {
        assertThat(GitHubPayloads.toEvents("star", DELIVERY, fixture("star-created.json"))).isEmpty();
    }

    @Test
    void GIVEN_an_approving_review_WHEN_read_THEN_ReviewSubmitted_names_reviewer_state_author_and_target_branch() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("pull_request_review", DELIVERY, fixture("pull-request-review-approved.json"));

        assertThat(events).containsExactly(new ReviewSubmitted(GitProvider.GITHUB, DELIVERY, "acme/rocket", 7, "Add a parachute", "dave",
                "approved", "Looks safe to fly. Ship it.", "https://github.com/acme/rocket/pull/7#pullrequestreview-9001", "carol", "main"));
        ReviewSubmitted review = (ReviewSubmitted) events.get(0);
        assertThat(review.actor()).isEqualTo("dave");
        assertThat(review.author()).isEqualTo("carol");
        assertThat(review.branch()).isEqualTo("main");
    }

    @Test
    void GIVEN_a_dismissed_review_WHEN_read_THEN_it_means_no_events() throws IOException {
        assertThat(GitHubPayloads.toEvents("pull_request_review", DELIVERY, fixture("pull-request-review-dismissed.json"))).isEmpty();
    }

    @Test
    void GIVEN_an_issue_comment_on_a_pull_request_WHEN_read_THEN_CommentAdded_points_at_the_pull_request() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("issue_comment", DELIVERY, fixture("issue-comment-on-pull-request.json"));

        assertThat(events).containsExactly(new CommentAdded(GitProvider.GITHUB, DELIVERY, "acme/rocket", CommentAdded.Target.PULL_REQUEST, "7",
                "Add a parachute", "Could we test this on the launch pad first?", "erin", "https://github.com/acme/rocket/pull/7#issuecomment-501", null));
    }

    @Test
    void GIVEN_an_edited_comment_WHEN_read_THEN_it_means_no_events() throws IOException {
        assertThat(GitHubPayloads.toEvents("issue_comment", DELIVERY, fixture("issue-comment-edited.json"))).isEmpty();
    }

    @Test
    void GIVEN_a_line_comment_in_a_review_WHEN_read_THEN_CommentAdded_carries_the_file() throws IOException {
        CommentAdded comment = (CommentAdded) GitHubPayloads.toEvents("pull_request_review_comment", DELIVERY,
                fixture("pull-request-review-comment-created.json")).get(0);

        assertThat(comment.target()).isEqualTo(CommentAdded.Target.PULL_REQUEST);
        assertThat(comment.reference()).isEqualTo("7");
        assertThat(comment.author()).isEqualTo("dave");
        assertThat(comment.paths()).containsExactly("src/parachute.ts");
        assertThat(comment.url()).isEqualTo("https://github.com/acme/rocket/pull/7#discussion_r601");
    }

    @Test
    void GIVEN_a_commit_comment_WHEN_read_THEN_CommentAdded_points_at_the_commit() throws IOException {
        CommentAdded comment = (CommentAdded) GitHubPayloads.toEvents("commit_comment", DELIVERY, fixture("commit-comment-created.json")).get(0);

        assertThat(comment.target()).isEqualTo(CommentAdded.Target.COMMIT);
        assertThat(comment.reference()).isEqualTo("2222222222222222222222222222222222222222");
        assertThat(comment.excerpt()).isEqualTo("Nice fix!");
        assertThat(comment.author()).isEqualTo("bob");
        assertThat(comment.paths()).isEmpty();
    }

    @Test
    void GIVEN_a_long_comment_WHEN_excerpted_THEN_it_is_cut_with_an_ellipsis() {
        String excerpt = CommentAdded.excerpt("word ".repeat(200));

        assertThat(excerpt).hasSize(CommentAdded.EXCERPT_LENGTH).endsWith("…");
    }

    @Test
    void GIVEN_a_failed_workflow_run_WHEN_read_THEN_PipelineFinished_tells_what_failed_where_and_when_and_CiRunChanged_that_it_ended()
            throws IOException {
        List<Object> events = GitHubPayloads.toEvents("workflow_run", DELIVERY, fixture("workflow-run-failed.json"));

        assertThat(events).containsExactly(new PipelineFinished(GitProvider.GITHUB, DELIVERY, "acme/rocket", "CI", "main",
                "3333333333333333333333333333333333333333", "failure", Outcome.FAILURE, "https://github.com/acme/rocket/actions/runs/3001", "alice",
                Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:04:10Z")),
                new CiRunChanged(GitProvider.GITHUB, DELIVERY, "acme/rocket", 3001, "CI", null, "main", "3333333333333333333333333333333333333333",
                        "completed", Outcome.FAILURE, "https://github.com/acme/rocket/actions/runs/3001", "alice", Map.of(),
                        Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:04:10Z")));
    }

    @Test
    void GIVEN_a_workflow_run_still_running_WHEN_read_THEN_only_CiRunChanged_says_so_with_no_outcome_yet() throws IOException {
        assertThat(GitHubPayloads.toEvents("workflow_run", DELIVERY, fixture("workflow-run-in-progress.json"))).containsExactly(
                new CiRunChanged(GitProvider.GITHUB, DELIVERY, "acme/rocket", 3002, "CI", null, "main", "3333333333333333333333333333333333333333",
                        "in_progress", null, "https://github.com/acme/rocket/actions/runs/3002", "alice", Map.of(), null, null));
    }

    @Test
    void GIVEN_a_skipped_workflow_run_WHEN_read_THEN_it_is_not_announced_and_what_followed_it_sees_it_cancelled() throws IOException {
        assertThat(GitHubPayloads.toEvents("workflow_run", DELIVERY, fixture("workflow-run-skipped.json")))
                .singleElement().isInstanceOfSatisfying(CiRunChanged.class, run -> {
                    assertThat(run.runId()).isEqualTo(3003);
                    assertThat(run.status()).isEqualTo("completed");
                    assertThat(run.outcome()).isEqualTo(Outcome.CANCELLED);
                });
    }

    @Test
    void GIVEN_githubs_own_workflow_run_requested_WHEN_read_THEN_CiRunChanged_names_the_run_its_title_and_that_it_is_queued() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("workflow_run", DELIVERY, SharedFixtures.read("github-webhooks/workflow_run/requested.payload.json"));

        assertThat(events).containsExactly(new CiRunChanged(GitProvider.GITHUB, DELIVERY, "octo-org/octo-repo", 289782451, "test",
                "ci(action): update actions/setup-node digest to 8c91899", "master", "3484a3fb816e0859fd6e1cea078d76385ff50625", "queued", null,
                "https://github.com/octo-org/octo-repo/actions/runs/289782451", "Codertocat", Map.of(), Instant.parse("2020-10-05T16:33:49Z"), null));
    }

    @Test
    void GIVEN_githubs_own_workflow_run_completed_WHEN_read_THEN_it_is_announced_and_CiRunChanged_says_it_succeeded() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("workflow_run", DELIVERY, SharedFixtures.read("github-webhooks/workflow_run/completed.payload.json"));

        assertThat(events).hasSize(2).first().isInstanceOf(PipelineFinished.class);
        assertThat(events.get(1)).isEqualTo(new CiRunChanged(GitProvider.GITHUB, DELIVERY, "octo-org/octo-repo", 289782451, "test",
                "ci(action): update actions/setup-node digest to 8c91899", "master", "3484a3fb816e0859fd6e1cea078d76385ff50625", "completed",
                Outcome.SUCCESS, "https://github.com/octo-org/octo-repo/actions/runs/289782451", "Codertocat", Map.of(),
                Instant.parse("2020-10-05T16:33:49Z"), Instant.parse("2020-10-05T16:33:49Z")));
    }

    @Test
    void GIVEN_a_check_suite_of_another_ci_app_that_timed_out_WHEN_read_THEN_it_is_a_failed_pipeline_named_after_the_app() throws IOException {
        PipelineFinished pipeline = (PipelineFinished) GitHubPayloads.toEvents("check_suite", DELIVERY, fixture("check-suite-completed-by-another-ci.json")).get(0);

        assertThat(pipeline.name()).isEqualTo("CircleCI Checks");
        assertThat(pipeline.status()).isEqualTo("timed_out");
        assertThat(pipeline.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(pipeline.branch()).isEqualTo("feature/parachute");
        assertThat(pipeline.url()).isEqualTo("https://github.com/acme/rocket/commit/5555555555555555555555555555555555555555/checks");
        assertThat(pipeline.finishedAt()).isEqualTo(Instant.parse("2026-03-02T10:30:00Z"));
    }

    @Test
    void GIVEN_a_check_suite_of_github_actions_WHEN_read_THEN_it_means_no_events_because_its_workflow_run_is_announced() throws IOException {
        assertThat(GitHubPayloads.toEvents("check_suite", DELIVERY, fixture("check-suite-completed-by-actions.json"))).isEmpty();
    }

    @Test
    void GIVEN_a_failed_deployment_WHEN_read_THEN_DeploymentStatusChanged_links_the_log_because_there_is_no_environment_url() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("deployment_status", DELIVERY, fixture("deployment-status-failure.json"));

        assertThat(events).containsExactly(new DeploymentStatusChanged(GitProvider.GITHUB, DELIVERY, "acme/rocket", "production", "failure",
                Outcome.FAILURE, "main", "3333333333333333333333333333333333333333", "https://github.com/acme/rocket/actions/runs/3001/job/9", "alice",
                Instant.parse("2026-03-02T10:05:00Z"), "6001", null));
        DeploymentStatusChanged deployment = (DeploymentStatusChanged) events.get(0);
        assertThat(deployment.environment()).isEqualTo("production");
    }

    @Test
    void GIVEN_a_deployment_in_progress_WHEN_read_THEN_it_has_no_outcome_yet_and_links_the_environment() throws IOException {
        DeploymentStatusChanged deployment = (DeploymentStatusChanged) GitHubPayloads.toEvents("deployment_status", DELIVERY,
                fixture("deployment-status-in-progress.json")).get(0);

        assertThat(deployment.state()).isEqualTo("in_progress");
        assertThat(deployment.outcome()).isNull();
        assertThat(deployment.url()).isEqualTo("https://staging.rocket.example");
        assertThat(deployment.ref()).isEqualTo("v1.4.0");
    }

    @Test
    void GIVEN_a_published_pre_release_WHEN_read_THEN_ReleasePublished_has_its_tag_name_and_link() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("release", DELIVERY, fixture("release-published.json"));

        assertThat(events).containsExactly(new ReleasePublished(GitProvider.GITHUB, DELIVERY, "acme/rocket", "v1.4.0", "Parachutes",
                "https://github.com/acme/rocket/releases/tag/v1.4.0", "alice", true));
    }

    @Test
    void GIVEN_the_released_action_that_follows_published_WHEN_read_THEN_it_means_no_events_so_a_release_is_announced_once() throws IOException {
        assertThat(GitHubPayloads.toEvents("release", DELIVERY, fixture("release-released.json"))).isEmpty();
    }

    @Test
    void GIVEN_an_opened_issue_WHEN_read_THEN_IssueChanged_names_author_and_actor() throws IOException {
        List<Object> events = GitHubPayloads.toEvents("issues", DELIVERY, fixture("issues-opened.json"));

        assertThat(events).containsExactly(new IssueChanged(GitProvider.GITHUB, DELIVERY, "acme/rocket", "opened", 12, "The rocket is upside down",
                List.of(), "erin", "erin", "https://github.com/acme/rocket/issues/12"));
    }

    @Test
    void GIVEN_a_labeled_issue_WHEN_read_THEN_IssueChanged_carries_all_its_labels_and_who_labeled_it() throws IOException {
        IssueChanged issue = (IssueChanged) GitHubPayloads.toEvents("issues", DELIVERY, fixture("issues-labeled.json")).get(0);

        assertThat(issue.action()).isEqualTo("labeled");
        assertThat(issue.labels()).containsExactly("bug", "launch-blocker");
        assertThat(issue.author()).isEqualTo("erin");
        assertThat(issue.actor()).isEqualTo("dave");
    }

    @Test
    void GIVEN_a_workflow_run_event_without_its_run_WHEN_read_THEN_it_fails_with_a_clear_IOException() {
        assertThatThrownBy(() -> GitHubPayloads.toEvents("workflow_run", DELIVERY, fixture("star-created.json")))
                .isInstanceOf(IOException.class).hasMessageContaining("workflow_run");
    }

    @Test
    void GIVEN_a_deployment_status_without_a_repository_WHEN_read_THEN_it_fails_with_a_clear_IOException() {
        assertThatThrownBy(() -> GitHubPayloads.toEvents("deployment_status", DELIVERY, "{\"deployment_status\":{\"state\":\"success\"}}"))
                .isInstanceOf(IOException.class).hasMessage("the payload has no repository");
    }

    @Test
    void GIVEN_a_push_without_a_repository_WHEN_read_THEN_it_fails_instead_of_producing_a_push_with_nulls() {
        Throwable failure = catchThrowable(() -> GitHubPayloads.toEvents("push", DELIVERY, fixture("push-without-repository.json")));

        // the webhook controller answers 400 for exactly these two kinds of failure
        assertThat(failure).isNotNull().isInstanceOfAny(IOException.class, RuntimeException.class);
    }

    @Test
    void GIVEN_a_pull_request_event_whose_body_has_no_pull_request_WHEN_read_THEN_it_fails() {
        assertThatThrownBy(() -> GitHubPayloads.toEvents("pull_request", DELIVERY, fixture("issues-opened.json")))
                .isInstanceOfAny(IOException.class, RuntimeException.class);
    }

    @Test
    void GIVEN_a_push_body_that_is_not_json_WHEN_read_THEN_it_fails() {
        assertThatThrownBy(() -> GitHubPayloads.toEvents("push", DELIVERY, "not json"))
                .isInstanceOfAny(IOException.class, RuntimeException.class);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = GitHubPayloadsTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
