package com.ticolops.integrations.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
                        "https://github.com/acme/rocket/commit/2222222222222222222222222222222222222222", List.of("src/countdown.ts", "src/launch.ts")),
                new PushReceived.Commit("3333333333333333333333333333333333333333", "Update README", "Bob Builder",
                        "https://github.com/acme/rocket/commit/3333333333333333333333333333333333333333", List.of("README.md", "docs/old.md")));
        assertThat(push.paths()).containsExactly("src/countdown.ts", "src/launch.ts", "README.md", "docs/old.md");
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
                false, true, List.of("safety", "priority:high")));
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
        assertThat(GitHubPayloads.toEvents("issues", DELIVERY, fixture("issues-opened.json"))).isEmpty();
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
