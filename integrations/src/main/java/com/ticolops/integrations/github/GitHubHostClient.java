package com.ticolops.integrations.github;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostClient;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.GHEvent;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;
import org.springframework.stereotype.Component;

/** Connects repositories through GitHub's REST API with github-api. */
@Component
class GitHubHostClient implements GitHostClient {

    /** What GitHubPayloads turns into domain events; anything else would be stored and ignored. */
    static final EnumSet<GHEvent> EVENTS = EnumSet.of(GHEvent.PUSH, GHEvent.PULL_REQUEST, GHEvent.PULL_REQUEST_REVIEW,
            GHEvent.PULL_REQUEST_REVIEW_COMMENT, GHEvent.ISSUE_COMMENT, GHEvent.COMMIT_COMMENT, GHEvent.WORKFLOW_RUN,
            GHEvent.DEPLOYMENT_STATUS, GHEvent.RELEASE, GHEvent.ISSUES);

    @Override
    public GitProvider provider() {
        return GitProvider.GITHUB;
    }

    @Override
    public String tokenOwner(GitHostAccess access) {
        return call(() -> github(access).getMyself().getLogin());
    }

    @Override
    public void checkHookAccess(GitHostAccess access, String repository) {
        call(() -> {
            GHRepository repo = github(access).getRepository(repository);
            if (!repo.hasAdminAccess()) {
                throw new GitHostException(GitHostException.Reason.FORBIDDEN, "no admin rights on " + repository, null);
            }
            return repo;
        });
    }

    @Override
    public long createHook(GitHostAccess access, String repository, String url, String secret) {
        return call(() -> github(access).getRepository(repository)
                .createHook("web", Map.of("url", url, "content_type", "json", "secret", secret, "insecure_ssl", "0"), EVENTS, true)
                .getId());
    }

    @Override
    public boolean deleteHook(GitHostAccess access, String repository, long hookId) {
        try {
            call(() -> {
                github(access).getRepository(repository).deleteHook(Math.toIntExact(hookId));
                return null;
            });
            return true;
        } catch (GitHostException e) {
            if (e.reason() == GitHostException.Reason.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** GitHub's file name is the new path of a renamed file. It lists at most 3,000 files of one pull request. */
    @Override
    public List<String> pullRequestFiles(GitHostAccess access, String repository, int number) {
        return call(() -> github(access).getRepository(repository).getPullRequest(number).listFiles().withPageSize(100).toList()
                .stream().map(GHPullRequestFileDetail::getFilename).toList());
    }

    private static GitHub github(GitHostAccess access) throws IOException {
        return new GitHubBuilder().withEndpoint(access.apiUrl()).withOAuthToken(access.token()).build();
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (HttpException e) {
            throw new GitHostException(GitHostException.reasonFor(e.getResponseCode()), "GitHub answered " + e.getResponseCode(), e);
        } catch (FileNotFoundException e) {
            throw new GitHostException(GitHostException.Reason.NOT_FOUND, "GitHub: not found", e);
        } catch (IOException e) {
            throw new GitHostException(GitHostException.Reason.FAILED, "GitHub could not be reached: " + e.getMessage(), e);
        }
    }
}
