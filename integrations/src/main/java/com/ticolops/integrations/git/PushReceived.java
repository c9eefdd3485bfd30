package com.ticolops.integrations.git;

import java.time.Instant;
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
                           String compareUrl) implements RepositoryActivity {

    public PushReceived {
        commits = List.copyOf(commits);
    }

    @Override
    public String actor() {
        return pusher;
    }

    /** The branch pushed to; null for tags. */
    @Override
    public String branch() {
        return isTag() ? null : refName();
    }

    @Override
    public List<String> paths() {
        return commits.stream().flatMap(commit -> commit.files().stream()).distinct().toList();
    }

    public boolean isTag() {
        return ref.startsWith("refs/tags/");
    }

    /** The branch or tag name without its {@code refs/...} prefix. */
    public String refName() {
        return ref.replaceFirst("^refs/(heads|tags)/", "");
    }

    /**
     * @param files     added, modified and removed, as the provider lists them
     * @param timestamp when it was authored, or null when the payload does not say
     */
    public record Commit(String sha, String message, String author, String url, List<String> files, Instant timestamp) {

        public Commit {
            files = List.copyOf(files);
        }
    }
}
