package com.ticolops.integrations.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness for Slack: the bot token works ({@code auth.test}) and, in Socket Mode, the WebSocket is connected (when
 * not, the detail says why: the last failed attempt and when the next one is). The
 * {@code auth.test} answer is reused for a while, so frequent probes do not spend Slack's rate limit.
 */
class SlackHealthIndicator implements HealthIndicator {

    private static final Duration REUSE = Duration.ofSeconds(30);

    private final MethodsClient methods;
    private final SlackSocketMode socketMode;
    private final Clock clock;
    private volatile Checked last;

    /** @param socketMode null when Slack reaches us over HTTP */
    SlackHealthIndicator(MethodsClient methods, SlackSocketMode socketMode, Clock clock) {
        this.methods = methods;
        this.socketMode = socketMode;
        this.clock = clock;
    }

    private record Checked(Instant at, Health health) {
    }

    @Override
    public Health health() {
        Checked checked = last;
        if (checked == null || checked.at().plus(REUSE).isBefore(clock.instant())) {
            checked = new Checked(clock.instant(), authTest());
            last = checked;
        }
        if (socketMode != null && !socketMode.connected()) {
            return Health.down().withDetail("socketMode", socketMode.whyNotConnected()).withDetails(checked.health().getDetails()).build();
        }
        return checked.health();
    }

    private Health authTest() {
        try {
            AuthTestResponse response = methods.authTest(request -> request);
            if (!response.isOk()) {
                return Health.down().withDetail("authTest", response.getError()).build();
            }
            return Health.up().withDetail("team", String.valueOf(response.getTeam())).withDetail("bot", String.valueOf(response.getUser())).build();
        } catch (Exception e) {
            return Health.down(e).build();
        }
    }
}
