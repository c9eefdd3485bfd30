package com.ticolops.integrations.gitlab;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ticolops.gitlab.*}.
 *
 * @param webhookSecret  secret token of a group webhook: checks deliveries that name no connected project (member,
 *                       project and subgroup events); project webhooks use the secret from {@code /ticolops repo connect}
 * @param maxPayloadSize GitLab caps webhook payloads at 25 MB by default; anything larger is refused with 413
 */
@ConfigurationProperties("ticolops.gitlab")
record GitLabProperties(String webhookSecret, @DefaultValue("25MB") DataSize maxPayloadSize) {
}
