package com.ticolops.integrations.net;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link OutboundMetrics} on a Prometheus registry of its own, read as Prometheus scrapes it. */
public final class OutboundScrape {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OutboundMetrics metrics = new OutboundMetrics(registry);

    public OutboundMetrics metrics() {
        return metrics;
    }

    /** {@code ticolops_outbound_calls_seconds_count{outcome, target}}. */
    public double calls(String target, String outcome) {
        return value("ticolops_outbound_calls_seconds_count{outcome=\"" + outcome + "\",target=\"" + target + "\"}");
    }

    /** {@code ticolops_outbound_rate_limit_waits_seconds_count{target}}. */
    public double waits(String target) {
        return value("ticolops_outbound_rate_limit_waits_seconds_count{target=\"" + target + "\"}");
    }

    /** {@code ticolops_outbound_rate_limit_waits_seconds_sum{target}}. */
    public double waitedSeconds(String target) {
        return value("ticolops_outbound_rate_limit_waits_seconds_sum{target=\"" + target + "\"}");
    }

    public String text() {
        return registry.scrape();
    }

    /** The sample's value, or 0 before it was first counted. */
    private double value(String series) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(text());
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
