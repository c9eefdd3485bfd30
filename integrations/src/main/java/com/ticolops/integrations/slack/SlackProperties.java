package com.ticolops.integrations.slack;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * {@code ticolops.slack.*} (environment: {@code TICOLOPS_SLACK_BOT_TOKEN}, ...). Slack starts only with a bot token and
 * either a signing secret (HTTP: Slack calls {@code /slack/events}) or an app-level token (Socket Mode: we dial out).
 *
 * @param botToken          {@code xoxb-...}: the bot user's token, for {@code chat.postMessage} and {@code auth.test}
 * @param signingSecret     the app's signing secret: every request to {@code /slack/events} must be signed with it
 * @param appToken          {@code xapp-...} with {@code connections:write}: turns on Socket Mode, for teams without a public URL
 * @param apiUrl            base URL of Slack's Web API; tests point it at a local fake
 * @param publicUrl         where Slack reaches this server, for the manifest's request URLs; falls back to
 *                          {@code ticolops.public-url}, then to the address the manifest was requested at
 * @param appName           the app's and bot user's name in the manifest
 * @param ackWait           how long a slash command may run before we ack without its reply and send the reply to
 *                          {@code response_url} instead. Slack waits 3 s, but shows nothing until the ack: a command
 *                          that waits on GitHub (a deploy resolves its ref) is acked within this and answers after
 * @param channelInterval   at most one announcement per channel this often (Slack allows about one per second)
 * @param maxRetryAfterWait the longest {@code Retry-After} we sleep through in line; longer ones fail the delivery, which
 *                          the event publication registry retries later
 */
@ConfigurationProperties("ticolops.slack")
public record SlackProperties(String botToken, String signingSecret, String appToken,
                              @DefaultValue("https://slack.com/api/") String apiUrl, String publicUrl,
                              @DefaultValue("Ticolops") String appName,
                              @DefaultValue("200ms") Duration ackWait,
                              @DefaultValue("1s") Duration channelInterval,
                              @DefaultValue("60s") Duration maxRetryAfterWait) {

    /** Half a Slack set-up would leave Slack off without a word: refused at start, naming what is missing. */
    public SlackProperties {
        boolean bot = StringUtils.hasText(botToken);
        if (bot && !StringUtils.hasText(signingSecret) && !StringUtils.hasText(appToken)) {
            throw new IllegalArgumentException("TICOLOPS_SLACK_BOT_TOKEN (ticolops.slack.bot-token) is set, but neither "
                    + "TICOLOPS_SLACK_SIGNING_SECRET (for Slack's requests to /slack/events) nor TICOLOPS_SLACK_APP_TOKEN (Socket Mode) is");
        }
        if (!bot && (StringUtils.hasText(signingSecret) || StringUtils.hasText(appToken))) {
            throw new IllegalArgumentException("TICOLOPS_SLACK_BOT_TOKEN (ticolops.slack.bot-token) is missing: Slack needs it beside "
                    + (StringUtils.hasText(signingSecret) ? "TICOLOPS_SLACK_SIGNING_SECRET" : "TICOLOPS_SLACK_APP_TOKEN"));
        }
    }

    boolean httpEnabled() {
        return StringUtils.hasText(botToken) && StringUtils.hasText(signingSecret);
    }

    boolean socketModeEnabled() {
        return StringUtils.hasText(botToken) && StringUtils.hasText(appToken);
    }

    boolean enabled() {
        return httpEnabled() || socketModeEnabled();
    }
}
