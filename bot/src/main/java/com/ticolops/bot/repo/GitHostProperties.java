package com.ticolops.bot.repo;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API access for connecting repositories.
 *
 * <ul>
 *   <li>{@code ticolops.github.token}: instance-wide GitHub token, used when a project set none ({@code /ticolops repo token});
 *       {@code ticolops.github.api-url}: GitHub's API (GitHub Enterprise: {@code https://ghe.example.com/api/v3}).</li>
 *   <li>{@code ticolops.gitlab.token} for the GitLab at {@code ticolops.gitlab.url} (default gitlab.com).</li>
 *   <li>{@code ticolops.gitlab.allowed-networks}: CIDR ranges a self-hosted GitLab given in chat may resolve to although
 *       they are private, loopback or link-local (e.g. {@code 10.20.0.0/16}); there, http is accepted too.</li>
 * </ul>
 */
@ConfigurationProperties("ticolops")
record GitHostProperties(@DefaultValue GitHub github, @DefaultValue GitLab gitlab) {

    record GitHub(String token, @DefaultValue("https://api.github.com") String apiUrl) {
    }

    record GitLab(String token, @DefaultValue("https://gitlab.com") String url, @DefaultValue List<String> allowedNetworks) {
    }
}
