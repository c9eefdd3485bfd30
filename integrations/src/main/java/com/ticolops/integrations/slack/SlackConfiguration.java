package com.ticolops.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.util.http.SlackHttpClient;
import com.ticolops.integrations.chat.CommandPort;
import com.ticolops.integrations.net.OutboundMetrics;
import java.time.Clock;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;

/** Slack's beans: present only when its tokens are configured, so Ticolops runs without Slack too. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlackProperties.class)
class SlackConfiguration {

    @Configuration(proxyBeanMethods = false)
    @Conditional(SlackConditions.Enabled.class)
    static class Enabled {

        /** Slack's own OkHttp client (no redirects, its user agent), with every call counted. */
        @Bean
        Slack slack(SlackProperties properties, OutboundMetrics metrics) {
            SlackConfig config = new SlackConfig();
            String apiUrl = properties.apiUrl();
            config.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
            OkHttpClient http = SlackHttpClient.buildOkHttpClient(config).newBuilder()
                    .addInterceptor(metrics.interceptor(OutboundMetrics.Target.SLACK)).build();
            return Slack.getInstance(config, new SlackHttpClient(http));
        }

        @Bean
        MethodsClient slackMethods(Slack slack, SlackProperties properties) {
            return slack.methods(properties.botToken());
        }

        @Bean
        SlackCommands slackCommands(CommandPort port, JdbcClient jdbc, SlackProperties properties) {
            return new SlackCommands(port, new SlackRequests(jdbc), properties.ackWait());
        }

        @Bean
        App slackApp(Slack slack, SlackProperties properties, SlackCommands commands) {
            boolean http = StringUtils.hasText(properties.signingSecret());
            App app = new App(AppConfig.builder()
                    .slack(slack)
                    .singleTeamBotToken(properties.botToken())
                    .signingSecret(http ? properties.signingSecret() : null)
                    .requestVerificationEnabled(http)
                    .build());
            commands.registerOn(app);
            return app;
        }

        @Bean
        SlackSender slackSender(MethodsClient slackMethods, SlackProperties properties, OutboundMetrics metrics) {
            return new SlackSender(slackMethods, properties.channelInterval(), properties.maxRetryAfterWait(), metrics);
        }

        @Bean
        SlackDirectMessages slackDirectMessages(MethodsClient slackMethods, SlackSender slackSender) {
            return new SlackDirectMessages(slackMethods, slackSender);
        }

        @Bean
        SlackHealthIndicator slackHealthIndicator(MethodsClient slackMethods, ObjectProvider<SlackSocketMode> socketMode) {
            return new SlackHealthIndicator(slackMethods, socketMode.getIfAvailable(), Clock.systemUTC());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(SlackConditions.Http.class)
    static class Http {

        @Bean
        SlackRequestGuard slackRequestGuard(SlackProperties properties) {
            return new SlackRequestGuard(properties.signingSecret(), Clock.systemUTC());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(SlackConditions.SocketMode.class)
    static class SocketMode {

        @Bean
        SlackSocketMode slackSocketMode(SlackProperties properties, App slackApp) {
            return new SlackSocketMode(properties.appToken(), slackApp);
        }
    }
}
