package com.ticolops.integrations.git;

/**
 * An event a webhook sends that Ticolops understands.
 *
 * @param id    the provider's API name: a GitHub event ({@code pull_request}) or a GitLab hook flag ({@code merge_requests_events})
 * @param label how the provider's webhook settings page names it, for setting a hook up by hand
 */
public record WebhookEvent(String id, String label) {
}
