package com.ticolops.integrations.git;

import java.time.Instant;

/**
 * A deployment to an environment changed state: queued, started, succeeded, failed...
 *
 * @param state   the provider's word, e.g. {@code in_progress}, {@code success}, {@code error} (GitHub), {@code running},
 *                {@code failed} (GitLab)
 * @param outcome how it ended, or null while it is still pending or running
 * @param ref     the branch or tag deployed, or null when the payload does not say
 * @param url     the environment's URL, else the deployment's log or job URL; may be null
 * @param at      when the state changed, or null when the payload does not say
 * @param providerDeploymentId the provider's id of the deployment (GitHub's {@code deployment.id}, GitLab's
 *                {@code deployment_id}): what ties a GitHub status to the deployment Ticolops started, never a guess
 * @param jobId   the job that deploys (GitLab's {@code deployable_id}), what ties a GitLab deployment to the pipeline
 *                Ticolops started; null for GitHub
 */
public record DeploymentStatusChanged(GitProvider provider, String deliveryId, String repository, String environment,
                                      String state, Outcome outcome, String ref, String sha, String url, String actor,
                                      Instant at, String providerDeploymentId, String jobId) implements RepositoryActivity {

    @Override
    public String branch() {
        return ref;
    }
}
