package com.ticolops.integrations.gitlab;

import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.webhook.AbstractPushEvent;
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

    private GitLabPayloads() {
    }

    /** @return the domain events this delivery means; empty for events we store but do not act on yet */
    static List<Object> toEvents(String event, String deliveryId, String body) throws IOException {
        return switch (event) {
            case "Push Hook" -> List.of(push(deliveryId, JSON.unmarshal(PushEvent.class, body)));
            case "Tag Push Hook" -> List.of(push(deliveryId, JSON.unmarshal(TagPushEvent.class, body)));
            case "Merge Request Hook" -> List.of(mergeRequest(deliveryId, JSON.unmarshal(MergeRequestEvent.class, body)));
            default -> List.of();
        };
    }

    private static PushReceived push(String deliveryId, AbstractPushEvent push) throws IOException {
        requirePresent(push.getRef(), "ref");
        requirePresent(push.getProject(), "project");
        String webUrl = push.getProject().getWebUrl();
        List<PushReceived.Commit> commits = Optional.ofNullable(push.getCommits()).orElse(List.of()).stream()
                .map(commit -> new PushReceived.Commit(commit.getId(), firstLine(commit), author(commit), commit.getUrl(), files(commit)))
                .toList();
        boolean created = NO_COMMIT.equals(push.getBefore());
        boolean deleted = NO_COMMIT.equals(push.getAfter());
        String compareUrl = created || deleted || webUrl == null ? null : webUrl + "/-/compare/" + push.getBefore() + "..." + push.getAfter();
        String pusher = Optional.ofNullable(push.getUserUsername()).filter(s -> !s.isBlank()).orElse(push.getUserName());
        // GitLab does not say whether a push was forced.
        return new PushReceived(GitProvider.GITLAB, deliveryId, push.getProject().getPathWithNamespace(), webUrl, push.getRef(), pusher,
                commits, created, deleted, false, compareUrl);
    }

    private static PullRequestChanged mergeRequest(String deliveryId, MergeRequestEvent event) throws IOException {
        requirePresent(event.getProject(), "project");
        requirePresent(event.getObjectAttributes(), "object_attributes");
        EventMergeRequest mr = event.getObjectAttributes();
        String actor = event.getUser() == null ? "someone" : event.getUser().getUsername();
        String action = action(mr);
        boolean draft = Boolean.TRUE.equals(mr.getWorkInProgress()) || (mr.getTitle() != null && mr.getTitle().startsWith("Draft:"));
        // The payload names only the author's id; when the actor opened it, the actor is the author.
        String author = "opened".equals(action) ? actor : null;
        return new PullRequestChanged(GitProvider.GITLAB, deliveryId, event.getProject().getPathWithNamespace(), action,
                mr.getIid() == null ? 0 : mr.getIid().intValue(), mr.getTitle(), author, actor, mr.getUrl(), mr.getSourceBranch(),
                mr.getTargetBranch(), "merge".equals(mr.getAction()) || "merged".equals(mr.getState()), draft,
                event.getLabels() == null ? List.of() : event.getLabels().stream().map(EventLabel::getTitle).toList());
    }

    /** GitLab's verbs in GitHub's words, so announcements and filters need one vocabulary. */
    private static String action(EventMergeRequest mr) {
        String action = mr.getAction() == null ? "update" : mr.getAction();
        return switch (action) {
            case "open" -> "opened";
            case "close", "merge" -> "closed";
            case "reopen" -> "reopened";
            case "update" -> mr.getOldrev() != null ? "synchronize" : "edited";
            case "approved", "approval" -> "approved";
            case "unapproved", "unapproval" -> "unapproved";
            default -> action;
        };
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
