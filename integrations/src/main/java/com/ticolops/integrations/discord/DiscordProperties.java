package com.ticolops.integrations.discord;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ticolops.discord.*}; Discord starts only when {@code bot-token} is set.
 *
 * @param botToken   the bot's token from the Discord developer portal ({@code TICOLOPS_DISCORD_BOT_TOKEN})
 * @param guildId    register {@code /ticolops} in this server only: it appears at once, where global registration
 *                   can take a while to reach every server; empty registers globally
 * @param restUrl    Discord's REST API base, e.g. {@code http://localhost:8089/api/v10/}; empty for Discord itself
 * @param gatewayUrl Discord's gateway, e.g. {@code ws://localhost:8090}; empty for the one Discord names
 */
@ConfigurationProperties("ticolops.discord")
record DiscordProperties(String botToken, String guildId, String restUrl, String gatewayUrl) {

    boolean hasGuild() {
        return guildId != null && !guildId.isBlank();
    }

    boolean hasRestUrl() {
        return restUrl != null && !restUrl.isBlank();
    }

    boolean hasGatewayUrl() {
        return gatewayUrl != null && !gatewayUrl.isBlank();
    }
}
