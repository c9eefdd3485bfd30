package com.ticolops.integrations.discord;

import net.dv8tion.jda.api.JDA;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness: on the replica that holds the gateway, up while its session is connected; on the others, up on standby
 * (they post through the REST API, and take the session over when its holder goes).
 */
final class DiscordHealthIndicator implements HealthIndicator {

    private final DiscordGateway gateway;

    DiscordHealthIndicator(DiscordGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Health health() {
        JDA session = gateway.session();
        if (session == null) {
            return Health.up().withDetail("gateway", "standby: another replica holds the session").build();
        }
        JDA.Status status = session.getStatus();
        Health.Builder health = status == JDA.Status.CONNECTED ? Health.up() : Health.down();
        return health.withDetail("gateway", status.name()).withDetail("pingMillis", session.getGatewayPing()).build();
    }
}
