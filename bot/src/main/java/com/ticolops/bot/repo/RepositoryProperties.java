package com.ticolops.bot.repo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ticolops.public-url}: the address GitHub and GitLab reach this server at, for the webhook URLs we hand out. */
@ConfigurationProperties("ticolops")
record RepositoryProperties(@DefaultValue("http://localhost:8080") String publicUrl) {

    String webhookUrl(String provider) {
        return publicUrl.replaceAll("/+$", "") + "/webhooks/" + provider;
    }
}
