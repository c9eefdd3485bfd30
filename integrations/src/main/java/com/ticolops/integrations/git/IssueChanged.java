package com.ticolops.integrations.git;

import java.util.List;

/**
 * An issue was opened, closed, reopened, labeled, edited...
 *
 * @param action GitHub's verb ({@code opened}, {@code closed}, {@code reopened}, {@code labeled}, {@code edited}...);
 *               GitLab's are translated into it
 * @param author who opened the issue; null when the provider does not name them (GitLab gives only an id)
 */
public record IssueChanged(GitProvider provider, String deliveryId, String repository, String action, int number,
                           String title, List<String> labels, String author, String actor, String url) implements RepositoryActivity {

    public IssueChanged {
        labels = List.copyOf(labels);
    }
}
