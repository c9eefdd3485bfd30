package com.ticolops.integrations.git;

import java.util.Optional;

/** Where webhook controllers find the secret a repository's deliveries are signed with; implemented by the domain. */
public interface WebhookSecrets {

    Optional<String> secretFor(GitProvider provider, String repositoryFullName);
}
