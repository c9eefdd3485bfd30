package com.ticolops.integrations.git;

/**
 * A release was published.
 *
 * @param name  the release's title; may be blank, then the tag names it
 * @param actor who published it; null for GitLab, whose release payload names nobody
 */
public record ReleasePublished(GitProvider provider, String deliveryId, String repository, String tag, String name,
                               String url, String actor, boolean prerelease) implements RepositoryActivity {
}
