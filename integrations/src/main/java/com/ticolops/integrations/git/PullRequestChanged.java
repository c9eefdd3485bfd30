package com.ticolops.integrations.git;

import java.time.Instant;
import java.util.List;

/**
 * A pull (GitHub) or merge (GitLab) request was opened, closed, merged, labeled, reviewed...
 *
 * @param action the provider's action verb, e.g. {@code opened}, {@code closed}, {@code review_requested}
 * @param actor  who did it
 * @param baseChanged an {@code edited} that moved the request onto another target branch, which changes its files
 * @param updatedAt   the provider's {@code updated_at}: which of two deliveries shows the later state, since they
 *                    may arrive (and be announced) in either order; null when the payload has none
 * @param requestedReviewers who was newly asked to review by this change: GitHub's {@code requested_reviewer} of a
 *                    {@code review_requested}, GitLab's reviewers added in an update, and on {@code opened} everyone
 *                    asked; empty otherwise
 * @param mentions    the {@link Mentions} in the description of a request just {@code opened}; empty otherwise, so an
 *                    edit does not mention everyone again
 */
public record PullRequestChanged(GitProvider provider, String deliveryId, String repository, String action, int number,
                                 String title, String author, String actor, String url, String sourceBranch,
                                 String targetBranch, boolean merged, boolean draft, List<String> labels,
                                 boolean baseChanged, Instant updatedAt, List<String> requestedReviewers,
                                 List<String> mentions) implements RepositoryActivity {

    public PullRequestChanged {
        labels = List.copyOf(labels);
        // null in events the registry kept from before these were carried
        requestedReviewers = requestedReviewers == null ? List.of() : List.copyOf(requestedReviewers);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A change that asks no one to review and mentions no one. */
    public PullRequestChanged(GitProvider provider, String deliveryId, String repository, String action, int number, String title, String author,
                              String actor, String url, String sourceBranch, String targetBranch, boolean merged, boolean draft,
                              List<String> labels, boolean baseChanged, Instant updatedAt) {
        this(provider, deliveryId, repository, action, number, title, author, actor, url, sourceBranch, targetBranch, merged, draft, labels,
                baseChanged, updatedAt, List.of(), List.of());
    }

    @Override
    public String branch() {
        return targetBranch;
    }
}
