package com.ticolops.integrations.git;

import java.util.List;

/** Where webhook controllers find the secrets a repository's deliveries are signed with; implemented by the domain. */
public interface WebhookSecrets {

    /**
     * @return the repository's secret, then the one it was rotated away from while that is still accepted; empty when
     * the repository is not connected. May be a copy kept for a few seconds.
     */
    List<String> secretsFor(GitProvider provider, String repositoryFullName);

    /** As {@link #secretsFor}, but read afresh: a copy may miss a rotation another replica has just made. */
    List<String> currentSecretsFor(GitProvider provider, String repositoryFullName);
}
