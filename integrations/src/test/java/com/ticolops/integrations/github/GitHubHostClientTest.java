package com.ticolops.integrations.github;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class GitHubHostClientTest {

    @Test
    void aGitHubThatDoesNotAnswerIsSaidInWordsWithoutJava() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> new GitHubHostClient(new GitHubHookDeliveriesClient()).tokenOwner(new GitHostAccess("http://127.0.0.1:" + closed, "ghp_" + "A".repeat(36))))
                .isInstanceOf(GitHostException.class).hasMessage("Could not reach 127.0.0.1:" + closed + ": connection refused");
    }
}
