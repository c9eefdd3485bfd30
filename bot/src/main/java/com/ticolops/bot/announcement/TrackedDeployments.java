package com.ticolops.bot.announcement;

import com.ticolops.integrations.git.GitProvider;

/**
 * Deployments another module shows in a message of its own (Ticolops' deployments from chat, one message each): their
 * provider statuses are not announced a second time. Implemented by the module that tracks them.
 */
public interface TrackedDeployments {

    /** @param providerDeploymentId the provider's id of the deployment a status is about */
    boolean tracks(GitProvider provider, String repository, String providerDeploymentId);
}
