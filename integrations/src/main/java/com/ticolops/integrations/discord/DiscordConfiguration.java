package com.ticolops.integrations.discord;

import com.ticolops.integrations.chat.CommandPort;
import com.ticolops.integrations.net.OutboundMetrics;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.requests.RestRateLimiter;
import net.dv8tion.jda.api.requests.SequentialRestRateLimiter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionController.SessionConnectNode;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.internal.utils.IOUtil;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Discord through JDA; nothing of it starts unless {@code ticolops.discord.bot-token} is set. Every replica posts through
 * the REST API; one, the {@link DiscordGateway}'s leader, holds the gateway session that brings the interactions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${ticolops.discord.bot-token:}'.isBlank()")
@EnableConfigurationProperties(DiscordProperties.class)
class DiscordConfiguration {

    /** Commands run on these threads, never on JDA's gateway thread, so a slow command cannot stall other events. */
    private static final int COMMAND_THREADS = 4;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    @Bean
    DiscordButtons discordButtons(JdbcClient jdbc) {
        return new DiscordButtons(jdbc);
    }

    @Bean
    DiscordReplies discordReplies(DiscordButtons buttons) {
        return new DiscordReplies(buttons);
    }

    /**
     * Discord's REST API, on every replica: posting, editing, direct messages. It never opens a gateway session, which
     * only the {@link DiscordGateway}'s leader holds.
     */
    @Bean(destroyMethod = "")
    JDA discordJda(DiscordProperties properties, OutboundMetrics metrics) {
        return builder(properties, metrics).setSessionController(new NoGateway()).build();
    }

    @Bean
    DiscordGateway discordGateway(DiscordProperties properties, CommandPort commands, DiscordReplies replies, DiscordButtons buttons, JDA discordJda,
            OutboundMetrics metrics) {
        DiscordCommands registered = DiscordCommands.of(commands.commands());
        return new DiscordGateway(() -> {
            JDABuilder builder = builder(properties, metrics).setEventPool(commandThreads(), true);
            if (properties.hasGatewayUrl()) {
                // A gateway of our own choosing (a local one in tests) speaks plain JSON frames.
                builder.setSessionController(new FixedGateway(properties.gatewayUrl())).setCompression(Compression.NONE);
            }
            JDA gateway = builder.build();
            gateway.addEventListener(new DiscordInteractions(commands, registered, replies, buttons, new DiscordChannels(discordJda),
                    properties.hasGuild() ? properties.guildId() : null));
            return gateway;
        }, SHUTDOWN_GRACE);
    }

    @Bean
    DiscordSender discordSender(JDA jda, DiscordReplies replies) {
        return new DiscordSender(new DiscordChannels(jda), replies);
    }

    @Bean
    DiscordDirectMessages discordDirectMessages(JDA jda, DiscordSender discordSender) {
        return new DiscordDirectMessages(jda, discordSender);
    }

    @Bean
    DiscordHealthIndicator discordHealthIndicator(DiscordGateway discordGateway) {
        return new DiscordHealthIndicator(discordGateway);
    }

    @Bean
    DiscordShutdown discordShutdown(JDA discordJda) {
        return new DiscordShutdown(discordJda);
    }

    /** Closes the REST client when the context closes, after the leader handed the gateway over. */
    record DiscordShutdown(JDA jda) implements org.springframework.beans.factory.DisposableBean {

        @Override
        public void destroy() {
            jda.shutdownNow();
        }
    }

    /**
     * Interactions need no optional gateway intents (JDA always has the guilds one, which finds a guild-id server). Every
     * REST request is counted on JDA's own OkHttp client (the gateway is a WebSocket of another library); JDA's rate
     * limiter, which holds requests back until Discord's limits allow them, is JDA's own with its waits counted.
     */
    private static JDABuilder builder(DiscordProperties properties, OutboundMetrics metrics) {
        RestConfig rest = new RestConfig().setRateLimiterFactory(config -> new SequentialRestRateLimiter(new RestRateLimiter.RateLimitConfig(
                new DiscordRateLimitWaits(config.getScheduler(), metrics), config.getElastic(), config.getGlobalRateLimit(), config.isRelative())));
        if (properties.hasRestUrl()) {
            rest.setBaseUrl(properties.restUrl());
        }
        return JDABuilder.createLight(properties.botToken(), EnumSet.noneOf(GatewayIntent.class)).setEnableShutdownHook(false)
                .setRestConfig(rest)
                // JDA's own client settings (25 requests at once to Discord, its pool), plus the count
                .setHttpClientBuilder(IOUtil.newHttpClientBuilder().addInterceptor(metrics.interceptor(OutboundMetrics.Target.DISCORD)));
    }

    private static ExecutorService commandThreads() {
        AtomicInteger next = new AtomicInteger();
        return Executors.newFixedThreadPool(COMMAND_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "discord-command-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Logs in for REST and never connects: the session it would start is left unstarted. */
    private static final class NoGateway extends SessionControllerAdapter {

        @Override
        public void appendSession(SessionConnectNode node) {
        }

        @Override
        public String getGateway() {
            return "wss://gateway.invalid";
        }
    }

    private static final class FixedGateway extends SessionControllerAdapter {

        private final String url;

        FixedGateway(String url) {
            this.url = url;
        }

        @Override
        public String getGateway() {
            return url;
        }
    }
}
