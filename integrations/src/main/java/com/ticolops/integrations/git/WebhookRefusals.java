package com.ticolops.integrations.git;

/** Where webhook controllers report a delivery they refused for a connected repository; implemented by the domain. */
public interface WebhookRefusals {

    void refused(GitProvider provider, String repository, int status, String reason);
}
