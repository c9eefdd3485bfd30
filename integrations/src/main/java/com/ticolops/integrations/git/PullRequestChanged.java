package com.ticolops.integrations.git;

import java.util.List;

/**
 * A pull (GitHub) or merge (GitLab) request was opened, closed, merged, labeled, reviewed...
 *
 * @param action the provider's action verb, e.g. {@code opened}, {@code closed}, {@code review_requested}
 * @param actor  who did it
 * @param baseChanged an {@code edited} that moved the request onto another target branch, which changes its files
 */
public record PullRequestChanged(GitProvider provider, String deliveryId, String repository, String action, int number,
                                 String title, String author, String actor, String url, String sourceBranch,
                                 String targetBranch, boolean merged, boolean draft, List<String> labels,
                                 boolean baseChanged) implements RepositoryActivity {

    public PullRequestChanged {
        labels = List.copyOf(labels);
    }

    @Override
    public String branch() {
        return targetBranch;
    }
}
