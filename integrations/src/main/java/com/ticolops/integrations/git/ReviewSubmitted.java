package com.ticolops.integrations.git;

import java.util.List;

/**
 * Someone reviewed a pull (GitHub) or merge (GitLab) request. GitLab has no review with a verdict and a body: an
 * approval is the closest thing, so GitLab's {@code approval}/{@code approved} arrive here as state {@code approved}
 * and {@code unapproval}/{@code unapproved} as state {@code unapproved}, both without a body.
 *
 * @param state             {@code approved}, {@code changes_requested}, {@code commented} (GitHub) or {@code unapproved} (GitLab)
 * @param excerpt           the start of the review's text, or null when it has none
 * @param pullRequestAuthor who opened the pull request; null when the provider does not name them (GitLab gives only an id)
 * @param mentions          the {@link Mentions} in the review's whole text
 */
public record ReviewSubmitted(GitProvider provider, String deliveryId, String repository, int number, String title,
                              String reviewer, String state, String excerpt, String url, String pullRequestAuthor,
                              String targetBranch, List<String> mentions) implements RepositoryActivity {

    public ReviewSubmitted {
        // null in events the registry kept from before mentions were carried
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A review that mentions no one. */
    public ReviewSubmitted(GitProvider provider, String deliveryId, String repository, int number, String title, String reviewer, String state,
                           String excerpt, String url, String pullRequestAuthor, String targetBranch) {
        this(provider, deliveryId, repository, number, title, reviewer, state, excerpt, url, pullRequestAuthor, targetBranch, List.of());
    }

    @Override
    public String actor() {
        return reviewer;
    }

    @Override
    public String author() {
        return pullRequestAuthor;
    }

    @Override
    public String branch() {
        return targetBranch;
    }
}
