package com.ticolops.integrations.git;

import java.util.List;

/**
 * Someone pushed to a repository.
 *
 * @param ref         the full ref, e.g. {@code refs/heads/main} or {@code refs/tags/v1.0}
 * @param created     the push created the ref
 * @param deleted     the push deleted the ref
 * @param compareUrl  a link to the pushed changes, when the provider gives one
 */
public record PushReceived(GitProvider provider, String deliveryId, String repository, String repositoryUrl, String ref,
                           String pusher, List<Commit> commits, boolean created, boolean deleted, boolean forced,
                           String compareUrl) {

    public PushReceived {
        commits = List.copyOf(commits);
    }

    public boolean isTag() {
        return ref.startsWith("refs/tags/");
    }

    /** The branch or tag name without its {@code refs/...} prefix. */
    public String refName() {
        return ref.replaceFirst("^refs/(heads|tags)/", "");
    }

    public record Commit(String sha, String message, String author, String url) {
    }
}
