package com.ticolops.bot.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ticolops.metrics.*}.
 *
 * @param token what Prometheus sends as {@code Authorization: Bearer <token>}; without one, nobody may scrape
 */
@ConfigurationProperties("ticolops.metrics")
record MetricsProperties(String token) {

    boolean scrapable() {
        return token != null && !token.isBlank();
    }
}
