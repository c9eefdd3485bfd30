package com.ticolops.integrations.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ticolops.integrations.git.CiRunChanged;
import com.ticolops.integrations.git.CommentAdded;
import com.ticolops.integrations.git.CiJobChanged;
import com.ticolops.integrations.git.DeploymentStatusChanged;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.IssueChanged;
import com.ticolops.integrations.git.PipelineFinished;
import com.ticolops.integrations.git.SharedFixtures;
import com.ticolops.integrations.git.ReleasePublished;
import com.ticolops.integrations.git.RepositoryActivity.Outcome;
import com.ticolops.integrations.git.ReviewSubmitted;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitLabPayloadsTest {

    private static final String DELIVERY = "8f1b0a6e-2c8d-4f4e-9a51-0d2f3c4b5a69";
    private static final String PROJECT = "\"project\":{\"path_with_namespace\":\"acme/shop\",\"web_url\":\"https://gitlab.com/acme/shop\"}";

    @Test
    void aPushFromTheZeroCommitCreatesTheBranchAndHasNoCompareLink() throws IOException {
        String body = "{\"object_kind\":\"push\",\"before\":\"0000000000000000000000000000000000000000\",\"after\":\"abc\",\"ref\":\"refs/heads/new\","
                + "\"user_username\":\"carol\"," + PROJECT + ",\"commits\":[]}";

        PushReceived push = (PushReceived) GitLabPayloads.toEvents("Push Hook", "d1", body).get(0);

        assertThat(push.provider()).isEqualTo(GitProvider.GITLAB);
        assertThat(push.created()).isTrue();
        assertThat(push.deleted()).isFalse();
        assertThat(push.compareUrl()).isNull();
        assertThat(push.pusher()).isEqualTo("carol");
    }

    @Test
    void aPushToTheZeroCommitDeletesTheTag() throws IOException {
        String body = "{\"object_kind\":\"tag_push\",\"before\":\"abc\",\"after\":\"0000000000000000000000000000000000000000\",\"ref\":\"refs/tags/v1\","
                + "\"user_name\":\"Carol\"," + PROJECT + "}";

        PushReceived push = (PushReceived) GitLabPayloads.toEvents("Tag Push Hook", "d2", body).get(0);

        assertThat(push.deleted()).isTrue();
        assertThat(push.isTag()).isTrue();
        assertThat(push.pusher()).isEqualTo("Carol");
    }

    @Test
    void anOpenedMergeRequestAsksItsReviewersAndMentionsWhomItsDescriptionNamesAndAnUpdateOnlyTheReviewersItAdded() throws IOException {
        String opened = "{\"object_kind\":\"merge_request\",\"user\":{\"username\":\"dan\"}," + PROJECT + ",\"object_attributes\":{\"iid\":3,"
                + "\"title\":\"T\",\"action\":\"open\",\"state\":\"opened\",\"description\":\"cc @erin\"},"
                + "\"reviewers\":[{\"id\":6,\"username\":\"frank\"}]}";
        String update = "{\"object_kind\":\"merge_request\",\"user\":{\"username\":\"dan\"}," + PROJECT + ",\"object_attributes\":{\"iid\":3,"
                + "\"title\":\"T\",\"action\":\"update\",\"state\":\"opened\",\"description\":\"cc @erin\"},"
                + "\"changes\":{\"reviewers\":{\"previous\":[{\"id\":6,\"username\":\"frank\"}],"
                + "\"current\":[{\"id\":6,\"username\":\"frank\"},{\"id\":7,\"username\":\"grace\"}]}}}";

        PullRequestChanged first = (PullRequestChanged) GitLabPayloads.toEvents("Merge Request Hook", "d8", opened).get(0);
        PullRequestChanged second = (PullRequestChanged) GitLabPayloads.toEvents("Merge Request Hook", "d9", update).get(0);

        assertThat(first.requestedReviewers()).containsExactly("frank");
        assertThat(first.mentions()).containsExactly("erin");
        assertThat(second.requestedReviewers()).containsExactly("grace");
        assertThat(second.mentions()).as("an edit does not mention everyone again").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "open,     null, opened,      false",
            "close,    null, closed,      false",
            "merge,    null, closed,      true",
            "reopen,   null, reopened,    false",
            "update,   abc,  synchronize, false",
            "update,   null, edited,      false"})
    void mergeRequestActionsAreNamedInTheSharedVocabulary(String gitlabAction, String oldrev, String expected, boolean merged) throws IOException {
        String body = "{\"object_kind\":\"merge_request\",\"user\":{\"username\":\"dan\"}," + PROJECT + ",\"object_attributes\":{\"iid\":3,"
                + "\"title\":\"T\",\"action\":\"" + gitlabAction + "\"" + (oldrev == null ? "" : ",\"oldrev\":\"" + oldrev + "\"")
                + ",\"state\":\"" + (merged ? "merged" : "opened") + "\"}}";

        PullRequestChanged pr = (PullRequestChanged) GitLabPayloads.toEvents("Merge Request Hook", "d3", body).get(0);

        assertThat(pr.action()).isEqualTo(expected);
        assertThat(pr.merged()).isEqualTo(merged);
        assertThat(pr.number()).isEqualTo(3);
        assertThat(pr.author()).isEqualTo("opened".equals(expected) ? "dan" : null);
    }

    @Test
    void anUpdateThatChangesTheTargetBranchSaysTheBaseChanged() throws IOException {
        String body = "{\"object_kind\":\"merge_request\",\"user\":{\"username\":\"dan\"}," + PROJECT + ",\"object_attributes\":{\"iid\":3,"
                + "\"title\":\"T\",\"action\":\"update\",\"state\":\"opened\",\"target_branch\":\"release\"},"
                + "\"changes\":{\"target_branch\":{\"previous\":\"main\",\"current\":\"release\"}}}";
        String retitled = body.replace("target_branch\":{\"previous\":\"main\",\"current\":\"release\"", "title\":{\"previous\":\"S\",\"current\":\"T\"");

        PullRequestChanged moved = (PullRequestChanged) GitLabPayloads.toEvents("Merge Request Hook", "d5", body).get(0);
        PullRequestChanged renamed = (PullRequestChanged) GitLabPayloads.toEvents("Merge Request Hook", "d6", retitled).get(0);

        assertThat(moved.action()).isEqualTo("edited");
        assertThat(moved.baseChanged()).isTrue();
        assertThat(renamed.baseChanged()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-02 09:30:00 UTC", "2026-03-02T09:30:00Z", "2026-03-02T10:30:00+01:00"})
    void aMergeRequestKnowsWhenItWasUpdatedInEachFormatGitLabWritesIt(String updatedAt) throws IOException {
        String body = "{\"object_kind\":\"merge_request\",\"user\":{\"username\":\"dan\"}," + PROJECT + ",\"object_attributes\":{\"iid\":3,"
                + "\"title\":\"T\",\"action\":\"merge\",\"state\":\"merged\",\"updated_at\":\"" + updatedAt + "\"}}";

        PullRequestChanged pr = (PullRequestChanged) GitLabPayloads.toEvents("Merge Request Hook", "d7", body).get(0);

        assertThat(pr.updatedAt()).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
    }

    @Test
    void aPushWithoutItsProjectIsRefusedRatherThanFailingLater() {
        assertThatThrownBy(() -> GitLabPayloads.toEvents("Push Hook", "d4", "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}"))
                .isInstanceOf(IOException.class).hasMessage("the payload has no project");
    }

    @Test
    void eventsWeDoNotActOnMeanNothingYet() throws IOException {
        assertThat(GitLabPayloads.toEvents("Wiki Page Hook", "d5", "{}")).isEmpty();
    }

    @Test
    void anApprovalIsAnApprovingReviewWithoutABody() throws IOException {
        List<Object> events = GitLabPayloads.toEvents("Merge Request Hook", DELIVERY, fixture("merge-request-approval.json"));

        assertThat(events).containsExactly(new ReviewSubmitted(GitProvider.GITLAB, DELIVERY, "acme/web/shop", 4, "Checkout page", "dan", "approved",
                null, "https://gitlab.example.com/acme/web/shop/-/merge_requests/4", null, "main"));
    }

    @Test
    void aWithdrawnApprovalIsAnUnapprovedReview() throws IOException {
        ReviewSubmitted review = (ReviewSubmitted) GitLabPayloads.toEvents("Merge Request Hook", DELIVERY, fixture("merge-request-unapproved.json")).get(0);

        assertThat(review.state()).isEqualTo("unapproved");
        assertThat(review.reviewer()).isEqualTo("dan");
    }

    @Test
    void aNoteOnAMergeRequestIsACommentOnThatMergeRequestWithItsFile() throws IOException {
        List<Object> events = GitLabPayloads.toEvents("Note Hook", DELIVERY, fixture("note-on-merge-request.json"));

        assertThat(events).containsExactly(new CommentAdded(GitProvider.GITLAB, DELIVERY, "acme/web/shop", CommentAdded.Target.PULL_REQUEST, "4",
                "Checkout page", "Please add a test for the empty basket.", "erin",
                "https://gitlab.example.com/acme/web/shop/-/merge_requests/4#note_900", "app/basket.rb"));
        assertThat(((CommentAdded) events.get(0)).paths()).containsExactly("app/basket.rb");
    }

    @Test
    void anOddDateInTheMergeRequestsLastCommitDoesNotRefuseTheNote() throws IOException {
        String body = fixture("note-on-merge-request.json").replace("\"author_id\": 3", "\"author_id\": 3, \"last_commit\": {\"id\": \"abc\", "
                + "\"timestamp\": \"2015-04-08T21: 00:25-07:00\"}");

        CommentAdded comment = (CommentAdded) GitLabPayloads.toEvents("Note Hook", DELIVERY, body).get(0);

        assertThat(body).contains("last_commit");
        assertThat(comment.reference()).isEqualTo("4");
    }

    @ParameterizedTest
    @CsvSource({
            "note-on-commit.json,  COMMIT,  cccccccccccccccccccccccccccccccccccccccc, Fix rounding",
            "note-on-issue.json,   ISSUE,   9,                                        Totals are off by a cent",
            "note-on-snippet.json, SNIPPET, 5,                                        Seed data"})
    void notesOnCommitsIssuesAndSnippetsSayWhatTheyAreOn(String file, CommentAdded.Target target, String reference, String title) throws IOException {
        CommentAdded comment = (CommentAdded) GitLabPayloads.toEvents("Note Hook", DELIVERY, fixture(file)).get(0);

        assertThat(comment.target()).isEqualTo(target);
        assertThat(comment.reference()).isEqualTo(reference);
        assertThat(comment.title()).isEqualTo(title);
        assertThat(comment.author()).isEqualTo("erin");
    }

    @Test
    void aFailedPipelineIsAFailureWithItsTimesAndARunThatEnded() throws IOException {
        List<Object> events = GitLabPayloads.toEvents("Pipeline Hook", DELIVERY, fixture("pipeline-failed.json"));

        assertThat(events).containsExactly(new PipelineFinished(GitProvider.GITLAB, DELIVERY, "acme/web/shop", "pipeline #41", "main",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "failed", Outcome.FAILURE, "https://gitlab.example.com/acme/web/shop/-/pipelines/3100", "carol",
                Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:06:30Z")),
                new CiRunChanged(GitProvider.GITLAB, DELIVERY, "acme/web/shop", 3100, "pipeline #41", null, "main", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "failed", Outcome.FAILURE, "https://gitlab.example.com/acme/web/shop/-/pipelines/3100", "carol", Map.of(),
                        Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:06:30Z")));
    }

    @Test
    void aRunningPipelineIsNotAnnouncedButIsARunThatChanged() throws IOException {
        assertThat(GitLabPayloads.toEvents("Pipeline Hook", DELIVERY, fixture("pipeline-running.json"))).containsExactly(
                new CiRunChanged(GitProvider.GITLAB, DELIVERY, "acme/web/shop", 3101, "pipeline #42", null, "main", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "running", null, "https://gitlab.example.com/acme/web/shop/-/pipelines/3101", "carol", Map.of(), null, null));
    }

    @Test
    void gitLabsOwnPipelineExampleIsAnnouncedAndARunThatChangedWithItsVariables() throws IOException {
        List<Object> events = GitLabPayloads.toEvents("Pipeline Hook", DELIVERY, SharedFixtures.read("gitlab-webhooks/pipeline.json"));

        assertThat(events).hasSize(2).first().isInstanceOf(PipelineFinished.class);
        assertThat(events.get(1)).isEqualTo(new CiRunChanged(GitProvider.GITLAB, DELIVERY, "gitlab-org/gitlab-test", 31, "Pipeline for branch: master", null,
                "master", "bcbb5ec396a2c0f828686f14fac9b80b780504f2", "success", Outcome.SUCCESS, "http://example.com/gitlab-org/gitlab-test/-/pipelines/31",
                "root", Map.of("NESTOR_PROD_ENVIRONMENT", "us-west-1"), Instant.parse("2016-08-12T15:23:28Z"), Instant.parse("2016-08-12T15:26:29Z")));
    }

    @Test
    void aFailedDeploymentLinksTheEnvironmentAndKeepsTheTimeOfTheChange() throws IOException {
        List<Object> events = GitLabPayloads.toEvents("Deployment Hook", DELIVERY, fixture("deployment-failed.json"));

        assertThat(events).containsExactly(new DeploymentStatusChanged(GitProvider.GITLAB, DELIVERY, "acme/web/shop", "production", "failed",
                Outcome.FAILURE, "main", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "https://shop.example.com", "carol", Instant.parse("2026-03-02T09:50:00Z"),
                "15", "796"));
        assertThat(((DeploymentStatusChanged) events.get(0)).environment()).isEqualTo("production");
    }

    @Test
    void aJobNamesItsPipelineAndTheEnvironmentItDeploysTo() throws IOException {
        List<Object> events = GitLabPayloads.toEvents("Job Hook", DELIVERY, fixture("job-deploy-running.json"));

        assertThat(events).containsExactly(new CiJobChanged(GitProvider.GITLAB, DELIVERY, "acme/web/shop", 801, 3100, "deploy-production", "production",
                "running", null, "https://gitlab.example.com/acme/web/shop/-/jobs/801"));
    }

    @Test
    void aJobThatFailedSaysSo() throws IOException {
        List<Object> events = GitLabPayloads.toEvents("Job Hook", DELIVERY, fixture("job-deploy-running.json").replace("\"running\"", "\"failed\""));

        assertThat(((CiJobChanged) events.get(0)).outcome()).isEqualTo(Outcome.FAILURE);
    }

    @Test
    void aRunningDeploymentWithoutAnEnvironmentUrlHasNoOutcomeAndLinksItsJob() throws IOException {
        DeploymentStatusChanged deployment = (DeploymentStatusChanged) GitLabPayloads.toEvents("Deployment Hook", DELIVERY, fixture("deployment-running.json")).get(0);

        assertThat(deployment.outcome()).isNull();
        assertThat(deployment.state()).isEqualTo("running");
        assertThat(deployment.url()).isEqualTo("https://gitlab.example.com/acme/web/shop/-/jobs/796");
        assertThat(deployment.sha()).isEqualTo("aaaaaaaa");
        assertThat(deployment.ref()).isNull();
    }

    @Test
    void aCreatedReleaseIsPublishedAndAnUpdateIsNot() throws IOException {
        assertThat(GitLabPayloads.toEvents("Release Hook", DELIVERY, fixture("release-create.json"))).containsExactly(new ReleasePublished(
                GitProvider.GITLAB, DELIVERY, "acme/web/shop", "v1.0.0", "Shop 1.0", "https://gitlab.example.com/acme/web/shop/-/releases/v1.0.0", null, false));
        assertThat(GitLabPayloads.toEvents("Release Hook", DELIVERY, fixture("release-update.json"))).isEmpty();
    }

    @Test
    void anOpenedIssueIsOpenedByItsAuthorWithItsLabels() throws IOException {
        assertThat(GitLabPayloads.toEvents("Issue Hook", DELIVERY, fixture("issue-open.json"))).containsExactly(new IssueChanged(GitProvider.GITLAB,
                DELIVERY, "acme/web/shop", "opened", 9, "Totals are off by a cent", List.of("bug"), "frank", "frank",
                "https://gitlab.example.com/acme/web/shop/-/issues/9"));
    }

    @Test
    void anIssueUpdateThatDropsALabelIsUnlabeled() throws IOException {
        IssueChanged issue = (IssueChanged) GitLabPayloads.toEvents("Issue Hook", DELIVERY, fixture("issue-labels-removed.json")).get(0);

        assertThat(issue.action()).isEqualTo("unlabeled");
        assertThat(issue.labels()).containsExactly("bug");
        assertThat(issue.author()).isNull();
        assertThat(issue.actor()).isEqualTo("dan");
    }

    @Test
    void aClosedWorkItemIsAClosedIssue() throws IOException {
        IssueChanged issue = (IssueChanged) GitLabPayloads.toEvents("Issue Hook", DELIVERY, fixture("work-item-close.json")).get(0);

        assertThat(issue.action()).isEqualTo("closed");
        assertThat(issue.number()).isEqualTo(10);
        assertThat(issue.actor()).isEqualTo("dan");
    }

    @Test
    void confidentialIssuesAndNotesAreNotTurnedIntoAnnouncements() throws IOException {
        assertThat(GitLabPayloads.toEvents("Confidential Issue Hook", DELIVERY, fixture("issue-open.json"))).isEmpty();
        assertThat(GitLabPayloads.toEvents("Confidential Note Hook", DELIVERY, fixture("note-on-issue.json"))).isEmpty();
    }

    @Test
    void aPipelineWithoutItsStatusIsRefusedClearly() {
        assertThatThrownBy(() -> GitLabPayloads.toEvents("Pipeline Hook", DELIVERY, "{\"object_kind\":\"pipeline\"," + PROJECT + ",\"object_attributes\":{}}"))
                .isInstanceOf(IOException.class).hasMessage("the payload has no object_attributes.status");
    }

    @Test
    void aNoteWithoutItsProjectIsRefusedClearly() {
        assertThatThrownBy(() -> GitLabPayloads.toEvents("Note Hook", DELIVERY, "{\"object_kind\":\"note\",\"object_attributes\":{\"note\":\"hi\"}}"))
                .isInstanceOf(IOException.class).hasMessage("the payload has no project");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = GitLabPayloadsTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
