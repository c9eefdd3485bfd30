package com.ticolops.bot.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /actuator/prometheus} answers only a caller with the scrape token ({@code ticolops.metrics.token}): the
 * numbers say how busy each integration is and which commands people use. Health stays open, for the probes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsSecurity {

    static final String PATH = "/actuator/prometheus";

    @Bean
    SecurityFilterChain metricsScrape(HttpSecurity http, MetricsProperties properties) throws Exception {
        // Not a bean: the REST API's token introspector is the one Spring finds by type.
        OpaqueTokenIntrospector scrapeToken = token -> {
            if (!properties.scrapable()) {
                throw new BadOpaqueTokenException("metrics are off: set ticolops.metrics.token (TICOLOPS_METRICS_TOKEN) to scrape them");
            }
            if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), properties.token().getBytes(StandardCharsets.UTF_8))) {
                throw new BadOpaqueTokenException("not the scrape token");
            }
            return new DefaultOAuth2AuthenticatedPrincipal("prometheus", Map.of("sub", "prometheus"), List.of(new SimpleGrantedAuthority("metrics")));
        };
        http.securityMatcher(PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.opaqueToken(token -> token.introspector(scrapeToken)))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable());
        return http.build();
    }
}
