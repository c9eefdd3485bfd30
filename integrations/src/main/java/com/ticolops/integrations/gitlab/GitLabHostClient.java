package com.ticolops.integrations.gitlab;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostClient;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.AccessLevel;
import org.gitlab4j.api.models.Permissions;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.ProjectAccess;
import org.gitlab4j.api.models.ProjectHook;
import org.springframework.stereotype.Component;

/** Connects projects through GitLab's REST API with GitLab4J. */
@Component
class GitLabHostClient implements GitHostClient {

    @Override
    public GitProvider provider() {
        return GitProvider.GITLAB;
    }

    @Override
    public String tokenOwner(GitHostAccess access) {
        return call(access, api -> api.getUserApi().getCurrentUser().getUsername());
    }

    /** Webhooks need the Maintainer role, on the project or through its group. */
    @Override
    public void checkHookAccess(GitHostAccess access, String repository) {
        Project project = call(access, api -> api.getProjectApi().getProject(repository));
        int level = Optional.ofNullable(project.getPermissions()).map(p -> Math.max(level(p.getProjectAccess()), level(p.getGroupAccess()))).orElse(0);
        if (level < AccessLevel.MAINTAINER.value) {
            throw new GitHostException(GitHostException.Reason.FORBIDDEN, "not a maintainer of " + repository, null);
        }
    }

    private static int level(ProjectAccess access) {
        return access == null || access.getAccessLevel() == null ? 0 : access.getAccessLevel().value;
    }

    @Override
    public long createHook(GitHostAccess access, String repository, String url, String secret) {
        ProjectHook events = new ProjectHook().withPushEvents(true).withTagPushEvents(true).withMergeRequestsEvents(true)
                .withNoteEvents(true).withPipelineEvents(true).withDeploymentEvents(true).withReleasesEvents(true).withIssuesEvents(true)
                .withConfidentialIssuesEvents(false).withConfidentialNoteEvents(false).withJobEvents(false).withWikiPageEvents(false);
        return call(access, api -> api.getProjectApi().addHook(repository, url, events, true, secret).getId());
    }

    @Override
    public boolean deleteHook(GitHostAccess access, String repository, long hookId) {
        try {
            call(access, api -> {
                api.getProjectApi().deleteHook(repository, hookId);
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

    /**
     * The merge request's diffs, all pages (GitLab 15.7+). A deleted file's new path repeats its old one; its old path is
     * taken all the same, as the one that certainly existed.
     */
    @Override
    public List<String> pullRequestFiles(GitHostAccess access, String repository, int number) {
        return call(access, api -> api.getMergeRequestApi().getDiffs(repository, (long) number).stream()
                .map(diff -> Boolean.TRUE.equals(diff.getDeletedFile()) ? diff.getOldPath() : diff.getNewPath()).toList());
    }

    interface Call<T> {
        T run(GitLabApi api) throws GitLabApiException;
    }

    static <T> T call(GitHostAccess access, Call<T> call) {
        try (GitLabApi api = api(access)) {
            return call.run(api);
        } catch (GitLabApiException e) {
            throw new GitHostException(e.getHttpStatus() == 0 ? GitHostException.Reason.FAILED : GitHostException.reasonFor(e.getHttpStatus()),
                    "GitLab answered " + e.getHttpStatus() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new GitHostException(GitHostException.Reason.FAILED, "GitLab (" + access.apiUrl() + ") could not be reached: " + e.getMessage(), e);
        }
    }

    /** Redirects are not followed: the base URL passed the SSRF check, wherever it might redirect to did not. */
    private static GitLabApi api(GitHostAccess access) {
        return new GitLabApi(access.apiUrl(), access.token(),
                Map.<String, Object>of("jersey.config.client.followRedirects", false, "jersey.config.client.connectTimeout", 10_000,
                        "jersey.config.client.readTimeout", 30_000));
    }
}
