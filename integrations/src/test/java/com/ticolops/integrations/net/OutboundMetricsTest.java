package com.ticolops.integrations.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.integrations.net.OutboundMetrics.Outcome;
import com.ticolops.integrations.net.OutboundMetrics.Target;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboundMetricsTest {

    @Test
    void anHttpStatusComesToOneOfTheFixedOutcomes() {
        assertThat(Outcome.of(200)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.of(204)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.of(302)).as("never followed").isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.of(404)).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.of(429)).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(Outcome.of(502)).isEqualTo(Outcome.SERVER_ERROR);
    }

    @Test
    void callsAreAHistogramByTargetAndOutcomeAndWaitsATimerByTarget() {
        OutboundScrape scrape = new OutboundScrape();

        scrape.metrics().called(Target.DEPLOY_HOOK, Outcome.SUCCESS, Duration.ofMillis(80).toNanos());
        scrape.metrics().waited(Target.SLACK, Duration.ofSeconds(2).toNanos());

        assertThat(scrape.text())
                .contains("ticolops_outbound_calls_seconds_bucket{outcome=\"success\",target=\"deploy_hook\",le=\"0.1\"} 1")
                .contains("ticolops_outbound_calls_seconds_bucket{outcome=\"success\",target=\"deploy_hook\",le=\"0.05\"} 0")
                .contains("ticolops_outbound_rate_limit_waits_seconds_sum{target=\"slack\"} 2.0");
        assertThat(scrape.calls("deploy_hook", "success")).isEqualTo(1);
        assertThat(scrape.waits("slack")).isEqualTo(1);
    }
}
