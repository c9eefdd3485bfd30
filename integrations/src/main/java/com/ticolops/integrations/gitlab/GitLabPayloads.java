package com.ticolops.integrations.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticolops.integrations.git.CiRunChanged;
import com.ticolops.integrations.git.CommentAdded;
import com.ticolops.integrations.git.CiJobChanged;
import com.ticolops.integrations.git.DeploymentStatusChanged;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.Mentions;
import com.ticolops.integrations.git.IssueChanged;
import com.ticolops.integrations.git.PipelineFinished;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import com.ticolops.integrations.git.ReleasePublished;
import com.ticolops.integrations.git.RepositoryActivity.Outcome;
import com.ticolops.integrations.git.ReviewSubmitted;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.models.Reviewer;
import org.gitlab4j.api.webhook.AbstractPushEvent;
import org.gitlab4j.api.webhook.ChangeContainer;
import org.gitlab4j.api.webhook.BuildEvent;
import org.gitlab4j.api.webhook.DeploymentEvent;
import org.gitlab4j.api.webhook.EventIssue;
import org.gitlab4j.api.webhook.EventProject;
import org.gitlab4j.api.webhook.EventUser;
import org.gitlab4j.api.webhook.IssueEvent;
import org.gitlab4j.api.webhook.NoteEvent;
import org.gitlab4j.api.webhook.PipelineEvent;
import org.gitlab4j.api.webhook.ReleaseEvent;
import org.gitlab4j.api.webhook.WorkItemEvent;
import org.gitlab4j.api.webhook.EventCommit;
import org.gitlab4j.api.webhook.EventLabel;
import org.gitlab4j.api.webhook.EventMergeRequest;
import org.gitlab4j.api.webhook.MergeRequestEvent;
import org.gitlab4j.api.webhook.PushEvent;
import org.gitlab4j.api.webhook.TagPushEvent;
import org.gitlab4j.models.utils.JacksonJson;

/** Turns GitLab payloads into our provider-neutral events, parsing with GitLab4J's webhook event model. */
final class GitLabPayloads {

    private static final JacksonJson JSON = new JacksonJson();
    /** GitLab's {@code before}/{@code after} for a ref that did not exist before, or no longer exists. */
    private static final String NO_COMMIT = "0000000000000000000000000000000000000000";
    private static final DateTimeFormatter GITLAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[ XX][ X][ z]", Locale.ROOT);

    private GitLabPayloads() {
    }

    /** @return the domain events this delivery means; empty for events we store but do not act on yet */
    static List<Object> toEvents(String event, String deliveryId, String body) throws IOException {
        return switch (event) {
            case "Push Hook" -> List.of(push(deliveryId, JSON.unmarshal(PushEvent.class, body)));
            case "Tag Push Hook" -> List.of(push(deliveryId, JSON.unmarshal(TagPushEvent.class, body)));
            case "Merge Request Hook" -> List.of(mergeRequest(deliveryId, JSON.unmarshal(MergeRequestEvent.class, body)));
            case "Note Hook" -> note(deliveryId, noteEvent(body));
            case "Pipeline Hook" -> pipeline(deliveryId, JSON.unmarshal(PipelineEvent.class, body));
            case "Job Hook" -> List.of(job(deliveryId, JSON.unmarshal(BuildEvent.class, body)));
            case "Deployment Hook" -> List.of(deployment(deliveryId, JSON.unmarshal(DeploymentEvent.class, body), JSON.getObjectMapper().readTree(body)));
            case "Release Hook" -> release(deliveryId, JSON.unmarshal(ReleaseEvent.class, body));
            // Work items (issues, tasks, incidents in the new model) arrive under the same header with their own object kind.
            case "Issue Hook" -> "work_item".equals(JSON.getObjectMapper().readTree(body).path("object_kind").asText())
                    ? List.of(workItem(deliveryId, JSON.unmarshal(WorkItemEvent.class, body)))
                    : List.of(issue(deliveryId, JSON.unmarshal(IssueEvent.class, body)));
            // "Confidential Issue Hook" and "Confidential Note Hook" are stored and not announced: a channel may hold
            // people who must not read them.
            default -> List.of();
        };
    }

    private static PushReceived push(String deliveryId, AbstractPushEvent push) throws IOException {
        requirePresent(push.getRef(), "ref");
        requirePresent(push.getProject(), "project");
        String webUrl = push.getProject().getWebUrl();
        List<PushReceived.Commit> commits = Optional.ofNullable(push.getCommits()).orElse(List.of()).stream()
                .map(commit -> new PushReceived.Commit(commit.getId(), firstLine(commit), author(commit), commit.getUrl(), files(commit),
                        instant(commit.getTimestamp())))
                .toList();
        boolean created = NO_COMMIT.equals(push.getBefore());
        boolean deleted = NO_COMMIT.equals(push.getAfter());
        String compareUrl = created || deleted || webUrl == null ? null : webUrl + "/-/compare/" + push.getBefore() + "..." + push.getAfter();
        String pusher = Optional.ofNullable(push.getUserUsername()).filter(s -> !s.isBlank()).orElse(push.getUserName());
        // GitLab does not say whether a push was forced.
        return new PushReceived(GitProvider.GITLAB, deliveryId, push.getProject().getPathWithNamespace(), webUrl, push.getRef(), pusher,
                commits, created, deleted, false, compareUrl);
    }

    private static Object mergeRequest(String deliveryId, MergeRequestEvent event) throws IOException {
        requirePresent(event.getProject(), "project");
        requirePresent(event.getObjectAttributes(), "object_attributes");
        EventMergeRequest mr = event.getObjectAttributes();
        String actor = event.getUser() == null ? "someone" : event.getUser().getUsername();
        String approval = approval(mr.getAction());
        if (approval != null) {
            // The payload names only the author's id, so the merge request's author stays unknown here.
            return new ReviewSubmitted(GitProvider.GITLAB, deliveryId, event.getProject().getPathWithNamespace(), iid(mr.getIid()), mr.getTitle(),
                    actor, approval, null, mr.getUrl(), null, mr.getTargetBranch());
        }
        String action = action(mr);
        boolean draft = Boolean.TRUE.equals(mr.getWorkInProgress()) || (mr.getTitle() != null && mr.getTitle().startsWith("Draft:"));
        // The payload names only the author's id; when the actor opened it, the actor is the author.
        String author = "opened".equals(action) ? actor : null;
        return new PullRequestChanged(GitProvider.GITLAB, deliveryId, event.getProject().getPathWithNamespace(), action,
                mr.getIid() == null ? 0 : mr.getIid().intValue(), mr.getTitle(), author, actor, mr.getUrl(), mr.getSourceBranch(),
                mr.getTargetBranch(), "merge".equals(mr.getAction()) || "merged".equals(mr.getState()), draft,
                event.getLabels() == null ? List.of() : event.getLabels().stream().map(EventLabel::getTitle).toList(),
                event.getChanges() != null && event.getChanges().get("target_branch") != null, instant(mr.getUpdatedAt()),
                requestedReviewers(action, event), "opened".equals(action) ? Mentions.in(mr.getDescription()) : List.of());
    }

    /** Everyone asked when a merge request is opened; in an update, the reviewers it added. */
    private static List<String> requestedReviewers(String action, MergeRequestEvent event) {
        if ("opened".equals(action)) {
            return usernames(event.getReviewers());
        }
        ChangeContainer<List<Reviewer>> changed = event.getChanges() == null ? null : event.getChanges().getReviewers();
        if (changed == null) {
            return List.of();
        }
        List<String> before = usernames(changed.getPrevious());
        return usernames(changed.getCurrent()).stream().filter(username -> !before.contains(username)).toList();
    }

    private static List<String> usernames(List<Reviewer> reviewers) {
        return reviewers == null ? List.of()
                : reviewers.stream().map(Reviewer::getUsername).filter(username -> username != null && !username.isBlank()).toList();
    }

    /** GitLab's verbs in GitHub's words, so announcements and filters need one vocabulary. */
    private static String action(EventMergeRequest mr) {
        String action = mr.getAction() == null ? "update" : mr.getAction();
        return switch (action) {
            case "open" -> "opened";
            case "close", "merge" -> "closed";
            case "reopen" -> "reopened";
            case "update" -> mr.getOldrev() != null ? "synchronize" : "edited";
            default -> action;
        };
    }

    /**
     * GitLab's closest thing to a review: {@code approval} (one approval, more needed) and {@code approved} (the last
     * one needed) are both one person approving; the un- forms withdraw it. Null for other actions.
     */
    private static String approval(String action) {
        if (action == null) {
            return null;
        }
        return switch (action) {
            case "approved", "approval" -> "approved";
            case "unapproved", "unapproval" -> "unapproved";
            default -> null;
        };
    }

    /**
     * GitLab4J refuses a whole note when a date it never needed is odd (GitLab's own documented example has
     * {@code "2015-04-08T21: 00:25-07:00"} in the merge request's last commit); we do not read that commit, so it goes.
     */
    private static NoteEvent noteEvent(String body) throws IOException {
        JsonNode tree = JSON.getObjectMapper().readTree(body);
        if (tree.path("merge_request") instanceof ObjectNode mergeRequest) {
            mergeRequest.remove("last_commit");
        }
        return JSON.getObjectMapper().treeToValue(tree, NoteEvent.class);
    }

    /** System notes (GitLab's own "changed the description" lines) are ignored; people's comments are announced. */
    private static List<Object> note(String deliveryId, NoteEvent event) throws IOException {
        requirePresent(event.getProject(), "project");
        NoteEvent.ObjectAttributes note = event.getObjectAttributes();
        requirePresent(note, "object_attributes");
        requirePresent(note.getNoteableType(), "object_attributes.noteable_type");
        if (Boolean.TRUE.equals(note.getSystem())) {
            return List.of();
        }
        CommentAdded.Target target;
        String reference;
        String title;
        switch (note.getNoteableType()) {
            case MERGE_REQUEST -> {
                requirePresent(event.getMergeRequest(), "merge_request");
                target = CommentAdded.Target.PULL_REQUEST;
                reference = String.valueOf(event.getMergeRequest().getIid());
                title = event.getMergeRequest().getTitle();
            }
            case ISSUE -> {
                requirePresent(event.getIssue(), "issue");
                target = CommentAdded.Target.ISSUE;
                reference = String.valueOf(event.getIssue().getIid());
                title = event.getIssue().getTitle();
            }
            case COMMIT -> {
                target = CommentAdded.Target.COMMIT;
                reference = event.getCommit() != null && event.getCommit().getId() != null ? event.getCommit().getId() : note.getCommitId();
                requirePresent(reference, "commit");
                title = event.getCommit() == null ? null : firstLine(event.getCommit());
            }
            default -> {
                requirePresent(event.getSnippet(), "snippet");
                target = CommentAdded.Target.SNIPPET;
                reference = String.valueOf(event.getSnippet().getId());
                title = event.getSnippet().getTitle();
            }
        }
        String path = note.getStDiff() == null ? null : note.getStDiff().getNewPath();
        return List.of(new CommentAdded(GitProvider.GITLAB, deliveryId, event.getProject().getPathWithNamespace(), target, reference, title,
                CommentAdded.excerpt(note.getNote()), username(event.getUser()), note.getUrl(), path, Mentions.in(note.getNote())));
    }

    /**
     * Every state of a pipeline is a {@link CiRunChanged}, for a deployment started through it to follow; only a
     * finished one (not created, pending, running, manual or skipped) is also a {@link PipelineFinished}, the
     * announcement.
     */
    private static List<Object> pipeline(String deliveryId, PipelineEvent event) throws IOException {
        requirePresent(event.getProject(), "project");
        PipelineEvent.ObjectAttributes pipeline = event.getObjectAttributes();
        requirePresent(pipeline, "object_attributes");
        requirePresent(pipeline.getStatus(), "object_attributes.status");
        requirePresent(pipeline.getId(), "object_attributes.id");
        Outcome outcome = switch (pipeline.getStatus()) {
            case "success" -> Outcome.SUCCESS;
            case "failed" -> Outcome.FAILURE;
            case "canceled", "cancelled" -> Outcome.CANCELLED;
            default -> null;
        };
        String name = pipeline.getName() != null && !pipeline.getName().isBlank() ? pipeline.getName() : "pipeline #" + pipeline.getIid();
        String url = pipeline.getUrl() != null ? pipeline.getUrl()
                : event.getProject().getWebUrl() == null ? null : event.getProject().getWebUrl() + "/-/pipelines/" + pipeline.getId();
        // A tag pipeline's ref is the tag: no branch to filter on.
        String branch = Boolean.TRUE.equals(pipeline.getTag()) ? null : pipeline.getRef();
        String repository = event.getProject().getPathWithNamespace();
        // A skipped pipeline ended without running anything: for what followed it, that is a cancellation.
        Outcome ended = "skipped".equals(pipeline.getStatus()) ? Outcome.CANCELLED : outcome;
        Map<String, String> variables = new LinkedHashMap<>();
        Optional.ofNullable(pipeline.getVariables()).orElse(List.of()).stream().filter(v -> v.getKey() != null && v.getValue() != null)
                .forEach(v -> variables.put(v.getKey(), v.getValue()));
        CiRunChanged changed = new CiRunChanged(GitProvider.GITLAB, deliveryId, repository, pipeline.getId(), name, null, branch, pipeline.getSha(),
                pipeline.getStatus(), ended, url, username(event.getUser()), variables, instant(pipeline.getCreatedAt()), instant(pipeline.getFinishedAt()));
        if (outcome == null) {
            return List.of(changed);
        }
        return List.of(new PipelineFinished(GitProvider.GITLAB, deliveryId, repository, name, branch, pipeline.getSha(), pipeline.getStatus(), outcome,
                url, username(event.getUser()), instant(pipeline.getCreatedAt()), instant(pipeline.getFinishedAt())), changed);
    }

    /** How a job or a deployment ended, in GitLab's words; null while it has not. */
    private static Outcome outcome(String status) {
        return switch (status) {
            case "success" -> Outcome.SUCCESS;
            case "failed" -> Outcome.FAILURE;
            case "canceled", "cancelled" -> Outcome.CANCELLED;
            default -> null;
        };
    }

    /** A job of a pipeline changed state: a deployment through a manual job, or a pipeline's deploy job, follows it. */
    private static CiJobChanged job(String deliveryId, BuildEvent event) throws IOException {
        requirePresent(event.getProject(), "project");
        requirePresent(event.getBuildId(), "build_id");
        requirePresent(event.getPipelineId(), "pipeline_id");
        requirePresent(event.getBuildStatus(), "build_status");
        String web = event.getProject().getWebUrl();
        return new CiJobChanged(GitProvider.GITLAB, deliveryId, event.getProject().getPathWithNamespace(), event.getBuildId(), event.getPipelineId(),
                event.getBuildName(), event.getEnvironment() == null ? null : event.getEnvironment().getName(), event.getBuildStatus(),
                outcome(event.getBuildStatus()),
                web == null ? null : web + "/-/jobs/" + event.getBuildId());
    }

    /**
     * GitLab4J's DeploymentEvent has no {@code ref}, {@code environment_external_url} or full sha, and keeps
     * {@code status_changed_at} as text: those are read from the JSON tree.
     */
    private static DeploymentStatusChanged deployment(String deliveryId, DeploymentEvent event, JsonNode tree) throws IOException {
        requirePresent(event.getProject(), "project");
        requirePresent(event.getStatus(), "status");
        requirePresent(event.getEnvironment(), "environment");
        Outcome outcome = outcome(event.getStatus());
        String externalUrl = tree.path("environment_external_url").asText(null);
        String url = externalUrl != null && !externalUrl.isBlank() ? externalUrl : event.getDeployableUrl();
        String commitUrl = event.getCommitUrl();
        String sha = commitUrl != null && commitUrl.contains("/commit/") ? commitUrl.substring(commitUrl.lastIndexOf('/') + 1) : event.getShortSha();
        return new DeploymentStatusChanged(GitProvider.GITLAB, deliveryId, event.getProject().getPathWithNamespace(), event.getEnvironment(),
                event.getStatus(), outcome, tree.path("ref").asText(null), sha, url, username(event.getUser()), timestamp(event.getStatusChangedAt()),
                event.getDeploymentId() == null ? null : String.valueOf(event.getDeploymentId()),
                event.getDeployableId() == null ? null : String.valueOf(event.getDeployableId()));
    }

    /** Only a new release is announced; updates and deletions are stored and ignored. */
    private static List<Object> release(String deliveryId, ReleaseEvent event) throws IOException {
        if (!"create".equals(event.getAction())) {
            return List.of();
        }
        requirePresent(event.getProject(), "project");
        requirePresent(event.getTag(), "tag");
        // GitLab's release payload names no user, and GitLab has no pre-releases (only upcoming ones by date).
        return List.of(new ReleasePublished(GitProvider.GITLAB, deliveryId, event.getProject().getPathWithNamespace(), event.getTag(),
                event.getName(), event.getUrl(), null, false));
    }

    private static IssueChanged issue(String deliveryId, IssueEvent event) throws IOException {
        requirePresent(event.getProject(), "project");
        EventIssue issue = event.getObjectAttributes();
        requirePresent(issue, "object_attributes");
        String action = issueAction(issue.getAction(), event.getChanges() == null ? null : event.getChanges().getLabels());
        return issueChanged(deliveryId, event.getProject(), action, issue.getIid(), issue.getTitle(), event.getLabels(), username(event.getUser()),
                issue.getUrl());
    }

    private static IssueChanged workItem(String deliveryId, WorkItemEvent event) throws IOException {
        requirePresent(event.getProject(), "project");
        WorkItemEvent.ObjectAttributes item = event.getObjectAttributes();
        requirePresent(item, "object_attributes");
        String action = issueAction(item.getAction(), event.getChanges() == null ? null : event.getChanges().getLabels());
        String actor = event.getUser() == null ? null : event.getUser().getUsername();
        return issueChanged(deliveryId, event.getProject(), action, item.getIid(), item.getTitle(), event.getLabels(), actor, item.getUrl());
    }

    private static IssueChanged issueChanged(String deliveryId, EventProject project, String action, Long iid, String title, List<EventLabel> labels,
                                             String actor, String url) {
        // The payload names only the author's id; when the actor opened it, the actor is the author.
        String author = "opened".equals(action) ? actor : null;
        return new IssueChanged(GitProvider.GITLAB, deliveryId, project.getPathWithNamespace(), action, iid(iid), title,
                labels == null ? List.of() : labels.stream().map(EventLabel::getTitle).toList(), author, actor, url);
    }

    /** GitLab's issue verbs in GitHub's words; an update that only changed labels is a (un)labeling, as on GitHub. */
    private static String issueAction(String action, ChangeContainer<List<EventLabel>> labels) {
        if (action == null) {
            return "edited";
        }
        return switch (action) {
            case "open" -> "opened";
            case "close" -> "closed";
            case "reopen" -> "reopened";
            case "update" -> labelChange(labels);
            default -> action;
        };
    }

    private static String labelChange(ChangeContainer<List<EventLabel>> labels) {
        if (labels == null) {
            return "edited";
        }
        int before = labels.getPrevious() == null ? 0 : labels.getPrevious().size();
        int after = labels.getCurrent() == null ? 0 : labels.getCurrent().size();
        return after >= before ? "labeled" : "unlabeled";
    }

    private static int iid(Long iid) {
        return iid == null ? 0 : iid.intValue();
    }

    private static String username(EventUser user) {
        if (user == null) {
            return null;
        }
        return Optional.ofNullable(user.getUsername()).filter(s -> !s.isBlank()).orElse(user.getName());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** GitLab writes {@code 2021-04-28 21:50:00 +0200} here; an unreadable time is left out rather than refusing the delivery. */
    private static Instant timestamp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim(), GITLAB_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    /** Fails the delivery with a 400 now, rather than a listener later. */
    private static void requirePresent(Object value, String field) throws IOException {
        if (value == null) {
            throw new IOException("the payload has no " + field);
        }
    }

    private static List<String> files(EventCommit commit) {
        return java.util.stream.Stream.of(commit.getAdded(), commit.getModified(), commit.getRemoved())
                .filter(java.util.Objects::nonNull).flatMap(List::stream).toList();
    }

    private static String author(EventCommit commit) {
        if (commit.getAuthor() == null || commit.getAuthor().getName() == null) {
            return "unknown";
        }
        return commit.getAuthor().getName();
    }

    private static String firstLine(EventCommit commit) {
        String message = commit.getTitle() != null ? commit.getTitle() : commit.getMessage();
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
