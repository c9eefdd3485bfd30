package com.ticolops.integrations.net;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.springframework.stereotype.Component;

/**
 * {@code ticolops_outbound_calls_seconds{target, outcome}}: every request Ticolops sends out (an HTTP request, an
 * email handed to the SMTP server), from the moment it leaves (connecting included) to its answer; and
 * {@code ticolops_outbound_rate_limit_waits_seconds{target}}: the time spent waiting because a platform said to slow
 * down. Both carry only the fixed sets below, never a URL or a repository: those would grow the series without bound.
 */
@Component
public class OutboundMetrics {

    /** Where a call goes. */
    public enum Target {
        GITHUB, GITLAB, SLACK, DISCORD, SMTP,
        /** A person's notification webhook. */
        WEBHOOK,
        DEPLOY_HOOK;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What came of a call. */
    public enum Outcome {
        SUCCESS, CLIENT_ERROR, SERVER_ERROR, RATE_LIMITED,
        /** No answer: refused, unknown host, timed out, reset. */
        UNREACHABLE;

        /**
         * 429 is a rate limit; a redirect is a client error like any 4xx: our clients do not follow one (its target was
         * never checked), so the call did not get what it asked for.
         */
        public static Outcome of(int httpStatus) {
            if (httpStatus == 429) {
                return RATE_LIMITED;
            }
            return httpStatus >= 500 ? SERVER_ERROR : httpStatus >= 300 ? CLIENT_ERROR : SUCCESS;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Buckets for the dashboard's latency percentiles: an API answers in tens of ms, a slow one or a timeout in seconds. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    /** Public for the tests of the packages that call out. */
    public OutboundMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One call to {@code target}, sent {@code nanos} before its outcome. */
    public void called(Target target, Outcome outcome, long nanos) {
        Timer.builder("ticolops.outbound.calls").description("Requests to other services, to their answer")
                .tags("target", target.id(), "outcome", outcome.id()).serviceLevelObjectives(BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code nanos} spent waiting before calling {@code target} again, because it said to slow down. */
    public void waited(Target target, long nanos) {
        Timer.builder("ticolops.outbound.rate.limit.waits").description("Time spent waiting out other services' rate limits")
                .tags("target", target.id()).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** For an OkHttp client (Slack's, Discord's): an application interceptor, so each call is counted once, whatever OkHttp retries inside it. */
    public Interceptor interceptor(Target target) {
        return chain -> {
            long start = System.nanoTime();
            try {
                Response response = chain.proceed(chain.request());
                called(target, Outcome.of(response.code()), System.nanoTime() - start);
                return response;
            } catch (IOException e) {
                called(target, Outcome.UNREACHABLE, System.nanoTime() - start);
                throw e;
            }
        };
    }
}
