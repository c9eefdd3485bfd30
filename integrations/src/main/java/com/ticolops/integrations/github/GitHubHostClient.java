package com.ticolops.integrations.github;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostClient;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookEvent;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kohsuke.github.GHEvent;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHRepository;
import org.springframework.stereotype.Component;

/** Connects repositories through GitHub's REST API with github-api. */
@Component
class GitHubHostClient implements GitHostClient {

    /**
     * What GitHubPayloads turns into domain events (anything else would be stored and ignored), named as GitHub's
     * "Add webhook" form names them.
     */
    private static final List<WebhookEvent> EVENTS = List.of(new WebhookEvent("push", "Pushes"),
            new WebhookEvent("pull_request", "Pull requests"), new WebhookEvent("pull_request_review", "Pull request reviews"),
            new WebhookEvent("pull_request_review_comment", "Pull request review comments"), new WebhookEvent("issue_comment", "Issue comments"),
            new WebhookEvent("commit_comment", "Commit comments"), new WebhookEvent("workflow_run", "Workflow runs"),
            new WebhookEvent("deployment_status", "Deployment statuses"), new WebhookEvent("release", "Releases"),
            new WebhookEvent("issues", "Issues"));

    private final GitHubApis apis;
    private final GitHubHookDeliveriesClient hooks;

    GitHubHostClient(GitHubApis apis, GitHubHookDeliveriesClient hooks) {
        this.apis = apis;
        this.hooks = hooks;
    }

    @Override
    public GitProvider provider() {
        return GitProvider.GITHUB;
    }

    @Override
    public List<WebhookEvent> webhookEvents() {
        return EVENTS;
    }

    @Override
    public String tokenOwner(GitHostAccess access) {
        return GitHubApis.call(access, () -> apis.github(access).getMyself().getLogin());
    }

    @Override
    public void checkHookAccess(GitHostAccess access, String repository) {
        GitHubApis.call(access, () -> {
            GHRepository repo = apis.github(access).getRepository(repository);
            if (!repo.hasAdminAccess()) {
                throw new GitHostException(GitHostException.Reason.FORBIDDEN, "no admin rights on " + repository, null);
            }
            return repo;
        });
    }

    @Override
    public long createHook(GitHostAccess access, String repository, String url, String secret) {
        // GHEvent's constants are GitHub's event names in upper case.
        Set<GHEvent> events = EVENTS.stream().map(event -> GHEvent.valueOf(event.id().toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(GHEvent.class)));
        return GitHubApis.call(access, () -> apis.github(access).getRepository(repository)
                .createHook("web", Map.of("url", url, "content_type", "json", "secret", secret, "insecure_ssl", "0"), events, true)
                .getId());
    }

    @Override
    public void changeHookSecret(GitHostAccess access, String repository, long hookId, String url, String secret) {
        hooks.changeConfig(access, repository, hookId, Map.of("url", url, "content_type", "json", "secret", secret, "insecure_ssl", "0"));
    }

    @Override
    public boolean deleteHook(GitHostAccess access, String repository, long hookId) {
        try {
            GitHubApis.call(access, () -> {
                apis.github(access).getRepository(repository).deleteHook(Math.toIntExact(hookId));
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
        return GitHubApis.call(access, () -> apis.github(access).getRepository(repository).getPullRequest(number).listFiles().withPageSize(100).toList()
                .stream().map(GHPullRequestFileDetail::getFilename).toList());
    }

    /** {@code mergeable} is null while GitHub computes it (the first read after a push starts that); {@code dirty} means conflicts. */
    @Override
    public Optional<Boolean> mergeable(GitHostAccess access, String repository, int number) {
        return GitHubApis.call(access, () -> {
            GHPullRequest pr = apis.github(access).getRepository(repository).getPullRequest(number);
            if ("dirty".equals(pr.getMergeableState())) {
                return Optional.of(false);
            }
            return Optional.ofNullable(pr.getMergeable());
        });
    }
}
