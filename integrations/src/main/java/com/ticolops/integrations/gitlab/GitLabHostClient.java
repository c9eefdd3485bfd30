package com.ticolops.integrations.gitlab;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostClient;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.gitlab4j.api.models.AccessLevel;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.Permissions;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.ProjectAccess;
import org.gitlab4j.api.models.ProjectHook;
import org.springframework.stereotype.Component;

/** Connects projects through GitLab's REST API with GitLab4J. */
@Component
class GitLabHostClient implements GitHostClient {

    /** A project hook's flag for an event GitLabPayloads turns into domain events, as GitLab's webhook form names it. */
    private record Flag(WebhookEvent event, BiFunction<ProjectHook, Boolean, ProjectHook> set) {
        Flag(String id, String label, BiFunction<ProjectHook, Boolean, ProjectHook> set) {
            this(new WebhookEvent(id, label), set);
        }
    }

    private static final List<Flag> FLAGS = List.of(new Flag("push_events", "Push events", ProjectHook::withPushEvents),
            new Flag("tag_push_events", "Tag push events", ProjectHook::withTagPushEvents),
            new Flag("merge_requests_events", "Merge request events", ProjectHook::withMergeRequestsEvents),
            new Flag("note_events", "Comments", ProjectHook::withNoteEvents),
            new Flag("pipeline_events", "Pipeline events", ProjectHook::withPipelineEvents),
            // A deployment started by a manual job follows that job.
            new Flag("job_events", "Job events", ProjectHook::withJobEvents),
            new Flag("deployment_events", "Deployment events", ProjectHook::withDeploymentEvents),
            new Flag("releases_events", "Releases events", ProjectHook::withReleasesEvents),
            new Flag("issues_events", "Issues events", ProjectHook::withIssuesEvents));

    private final GitLabApis apis;

    GitLabHostClient(GitLabApis apis) {
        this.apis = apis;
    }

    @Override
    public GitProvider provider() {
        return GitProvider.GITLAB;
    }

    @Override
    public List<WebhookEvent> webhookEvents() {
        return FLAGS.stream().map(Flag::event).toList();
    }

    @Override
    public String tokenOwner(GitHostAccess access) {
        return apis.call(access, api -> api.getUserApi().getCurrentUser().getUsername());
    }

    /** Webhooks need the Maintainer role, on the project or through its group. */
    @Override
    public void checkHookAccess(GitHostAccess access, String repository) {
        Project project = apis.call(access, api -> api.getProjectApi().getProject(repository));
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
        ProjectHook events = new ProjectHook().withConfidentialIssuesEvents(false).withConfidentialNoteEvents(false).withWikiPageEvents(false);
        for (Flag flag : FLAGS) {
            events = flag.set().apply(events, true);
        }
        ProjectHook hook = events;
        return apis.call(access, api -> api.getProjectApi().addHook(repository, url, hook, true, secret).getId());
    }

    /** GitLab's edit of a hook takes its address again; its events, read first, are sent back unchanged. */
    @Override
    public void changeHookSecret(GitHostAccess access, String repository, long hookId, String url, String secret) {
        apis.call(access, api -> {
            ProjectHook hook = api.getProjectApi().getHook(repository, hookId);
            hook.setUrl(url);
            hook.setToken(secret);
            return api.getProjectApi().modifyHook(hook);
        });
    }

    @Override
    public boolean deleteHook(GitHostAccess access, String repository, long hookId) {
        try {
            apis.call(access, api -> {
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
        return apis.call(access, api -> api.getMergeRequestApi().getDiffs(repository, (long) number).stream()
                .map(diff -> Boolean.TRUE.equals(diff.getDeletedFile()) ? diff.getOldPath() : diff.getNewPath()).toList());
    }

    /** GitLab says {@code unchecked} or {@code checking} (also as {@code detailed_merge_status}) until it has looked. */
    @Override
    public Optional<Boolean> mergeable(GitHostAccess access, String repository, int number) {
        return apis.call(access, api -> {
            MergeRequest mr = api.getMergeRequestApi().getMergeRequest(repository, (long) number);
            if (Boolean.TRUE.equals(mr.getHasConflicts()) || "cannot_be_merged".equals(mr.getMergeStatus())) {
                return Optional.of(false);
            }
            boolean checking = Set.of("unchecked", "checking", "cannot_be_merged_recheck").contains(String.valueOf(mr.getMergeStatus()))
                    || Set.of("unchecked", "checking", "preparing", "approvals_syncing").contains(String.valueOf(mr.getDetailedMergeStatus()));
            return checking ? Optional.<Boolean>empty() : Optional.of(true);
        });
    }
}
