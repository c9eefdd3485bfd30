package com.ticolops.integrations.github;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ticolops.github.*}.
 *
 * @param webhookSecret  secret of an organisation or GitHub App webhook: checks deliveries that name no connected
 *                       repository (installation events, org pings); repository webhooks use the secret from
 *                       {@code /ticolops repo connect}
 * @param maxPayloadSize GitHub caps payloads at 25 MB; anything larger is refused with 413
 */
@ConfigurationProperties("ticolops.github")
record GitHubProperties(String webhookSecret, @DefaultValue("25MB") DataSize maxPayloadSize) {
}
