package com.ticolops.integrations.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitLabPayloadsTest {

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

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "open,     null, opened,      false",
            "close,    null, closed,      false",
            "merge,    null, closed,      true",
            "reopen,   null, reopened,    false",
            "update,   abc,  synchronize, false",
            "update,   null, edited,      false",
            "approved, null, approved,    false"})
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
    void aPushWithoutItsProjectIsRefusedRatherThanFailingLater() {
        assertThatThrownBy(() -> GitLabPayloads.toEvents("Push Hook", "d4", "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}"))
                .isInstanceOf(IOException.class).hasMessage("the payload has no project");
    }

    @Test
    void eventsWeDoNotActOnMeanNothingYet() throws IOException {
        assertThat(GitLabPayloads.toEvents("Wiki Page Hook", "d5", "{}")).isEmpty();
    }
}
