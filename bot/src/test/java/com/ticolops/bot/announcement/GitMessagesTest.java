package com.ticolops.bot.announcement;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.CommentAdded;
import com.ticolops.integrations.git.DeploymentStatusChanged;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.IssueChanged;
import com.ticolops.integrations.git.PipelineFinished;
import com.ticolops.integrations.git.ReleasePublished;
import com.ticolops.integrations.git.RepositoryActivity.Outcome;
import com.ticolops.integrations.git.ReviewSubmitted;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The announcement texts people scan in a channel: who, what, where, and a link. */
class GitMessagesTest {

    @Test
    void aReviewRequestingChangesNamesReviewerPullRequestAndAuthor() {
        Reply reply = GitMessages.review(new ReviewSubmitted(GitProvider.GITHUB, "d", "acme/rocket", 7, "Add a parachute", "dave",
                "changes_requested", "Needs a test.", "https://github.com/acme/rocket/pull/7#r1", "carol", "main"));

        assertThat(reply.text()).isEqualTo("dave requested changes on pull request #7 \"Add a parachute\" in acme/rocket");
        assertThat(reply.sections()).containsExactly(new Reply.Section("Review", "Needs a test."));
        assertThat(reply.fields()).containsExactly(new Reply.Field("Author", "carol"));
        assertThat(reply.buttons()).containsExactly(Reply.Button.link("View review", "https://github.com/acme/rocket/pull/7#r1"));
    }

    @Test
    void aGitLabApprovalSpeaksOfAMergeRequest() {
        Reply reply = GitMessages.review(new ReviewSubmitted(GitProvider.GITLAB, "d", "acme/shop", 4, "Checkout", "dan", "approved", null,
                "https://gitlab.example.com/acme/shop/-/merge_requests/4", null, "main"));

        assertThat(reply.text()).isEqualTo("dan approved merge request !4 \"Checkout\" in acme/shop");
        assertThat(reply.fields()).isEmpty();
    }

    @Test
    void aCommitCommentShowsTheShortShaAndTheFile() {
        Reply reply = GitMessages.comment(new CommentAdded(GitProvider.GITHUB, "d", "acme/rocket", CommentAdded.Target.COMMIT,
                "2222222222222222222222222222222222222222", null, "Nice fix!", "bob", null, "src/a.ts"));

        assertThat(reply.text()).isEqualTo("bob commented on commit 2222222 in acme/rocket");
        assertThat(reply.fields()).containsExactly(new Reply.Field("File", "src/a.ts"));
        assertThat(reply.buttons()).as("no URL, no button").isEmpty();
    }

    @Test
    void aTimedOutRunSaysSoAndHowLongItRan() {
        Reply reply = GitMessages.pipeline(new PipelineFinished(GitProvider.GITHUB, "d", "acme/rocket", "CircleCI Checks", "main", "abcdef123",
                "timed_out", Outcome.FAILURE, "https://ci.example/1", "carol", Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T11:02:05Z")));

        assertThat(reply.text()).isEqualTo("CircleCI Checks failed (timed out) on main in acme/rocket (abcdef1)");
        assertThat(reply.fields()).containsExactly(new Reply.Field("Triggered by", "carol"), new Reply.Field("Duration", "1h 2m"));
    }

    @Test
    void aSuccessfulDeploymentLinksTheEnvironment() {
        Reply reply = GitMessages.deployment(new DeploymentStatusChanged(GitProvider.GITLAB, "d", "acme/shop", "production", "success", Outcome.SUCCESS,
                "main", "aaaaaaaa", "https://shop.example.com", "carol", null, "15", "796"));

        assertThat(reply.text()).isEqualTo("Deployment of main to production succeeded in acme/shop (aaaaaaa)");
        assertThat(reply.buttons()).containsExactly(Reply.Button.link("Open production", "https://shop.example.com"));
    }

    @Test
    void aGitLabReleaseNamesNobodyBecauseItsPayloadDoesNot() {
        Reply reply = GitMessages.release(new ReleasePublished(GitProvider.GITLAB, "d", "acme/shop", "v1.0.0", "Shop 1.0", "https://r", null, false));

        assertThat(reply.text()).isEqualTo("New release Shop 1.0 (v1.0.0) in acme/shop");
    }

    @Test
    void aLabeledIssueListsItsLabelsAndItsAuthor() {
        Reply reply = GitMessages.issue(new IssueChanged(GitProvider.GITHUB, "d", "acme/rocket", "labeled", 12, "Upside down",
                List.of("bug", "launch-blocker"), "erin", "dave", "https://github.com/acme/rocket/issues/12"));

        assertThat(reply.text()).isEqualTo("dave labeled issue #12 \"Upside down\" in acme/rocket");
        assertThat(reply.fields()).containsExactly(new Reply.Field("Labels", "bug, launch-blocker"), new Reply.Field("Author", "erin"));
    }
}
