package com.ticolops.bot.deployment;

import com.ticolops.bot.announcement.TrackedDeployments;
import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.git.GitProvider;
import org.springframework.stereotype.Component;

/** Tells the generic announcements which deployment statuses are about one of ours, which its own message shows. */
@Component
class DeploymentTracking implements TrackedDeployments {

    private final Repositories repositories;
    private final DeploymentRecords records;

    DeploymentTracking(Repositories repositories, DeploymentRecords records) {
        this.repositories = repositories;
        this.records = records;
    }

    @Override
    public boolean tracks(GitProvider provider, String repository, String providerDeploymentId) {
        return repositories.find(provider, repository).flatMap(repo -> records.byProviderId(repo.id(), providerDeploymentId)).isPresent();
    }
}
