package com.ticolops.integrations.discord;

import net.dv8tion.jda.api.JDA;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Readiness: up while JDA's gateway session is connected. */
final class DiscordHealthIndicator implements HealthIndicator {

    private final JDA jda;

    DiscordHealthIndicator(JDA jda) {
        this.jda = jda;
    }

    @Override
    public Health health() {
        JDA.Status status = jda.getStatus();
        Health.Builder health = status == JDA.Status.CONNECTED ? Health.up() : Health.down();
        return health.withDetail("gateway", status.name()).withDetail("pingMillis", jda.getGatewayPing()).build();
    }
}
