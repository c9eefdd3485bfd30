package com.ticolops.integrations.github;

import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitUser;

/** Turns GitHub payloads into our provider-neutral events, parsing with github-api's own payload model. */
final class GitHubPayloads {

    private static final GitHub OFFLINE = GitHub.offline();

    private GitHubPayloads() {
    }

    /** @return the domain events this delivery means; empty for events we store but do not act on yet */
    static List<Object> toEvents(String event, String deliveryId, String body) throws IOException {
        return switch (event) {
            case "push" -> List.of(push(deliveryId, OFFLINE.parseEventPayload(new StringReader(body), GHEventPayload.Push.class)));
            case "pull_request" -> List.of(pullRequest(deliveryId,
                    OFFLINE.parseEventPayload(new StringReader(body), GHEventPayload.PullRequest.class)));
            default -> List.of();
        };
    }

    private static PushReceived push(String deliveryId, GHEventPayload.Push push) throws IOException {
        requirePresent(push.getRef(), "ref");
        requirePresent(push.getRepository(), "repository");
        List<PushReceived.Commit> commits = push.getCommits().stream()
                .map(commit -> new PushReceived.Commit(commit.getSha(), firstLine(commit.getMessage()), name(commit.getAuthor()), commit.getUrl(),
                        files(commit.getAdded(), commit.getModified(), commit.getRemoved())))
                .toList();
        String pusher = push.getPusher() != null && push.getPusher().getName() != null ? push.getPusher().getName() : push.getSender().getLogin();
        return new PushReceived(GitProvider.GITHUB, deliveryId, push.getRepository().getFullName(), String.valueOf(push.getRepository().getHtmlUrl()),
                push.getRef(), pusher, commits, push.isCreated(), push.isDeleted(), push.isForced(), push.getCompare());
    }

    private static PullRequestChanged pullRequest(String deliveryId, GHEventPayload.PullRequest event) throws IOException {
        requirePresent(event.getRepository(), "repository");
        GHPullRequest pr = event.getPullRequest();
        return new PullRequestChanged(GitProvider.GITHUB, deliveryId, event.getRepository().getFullName(), event.getAction(), event.getNumber(),
                pr.getTitle(), pr.getUser().getLogin(), event.getSender().getLogin(), String.valueOf(pr.getHtmlUrl()),
                pr.getHead().getRef(), pr.getBase().getRef(), pr.getMergedAt() != null, pr.isDraft(),
                pr.getLabels() == null ? List.of() : pr.getLabels().stream().map(GHLabel::getName).toList());
    }

    /** Fails the delivery with a 400 now, rather than a listener later. */
    private static void requirePresent(Object value, String field) throws IOException {
        if (value == null) {
            throw new IOException("the payload has no " + field);
        }
    }

    @SafeVarargs
    static List<String> files(List<String>... lists) {
        return java.util.Arrays.stream(lists).filter(java.util.Objects::nonNull).flatMap(List::stream).toList();
    }

    private static String name(GitUser user) {
        if (user == null) {
            return "unknown";
        }
        return Optional.ofNullable(user.getUsername()).filter(s -> !s.isBlank()).orElse(user.getName());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
