package com.ticolops.bot.activity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticolops.presence.*}: how long after their last heartbeat or activity a person counts as away, then offline.
 * An editor plugin sends a heartbeat every 30 s, so five minutes is ten missed heartbeats.
 */
@ConfigurationProperties("ticolops.presence")
record PresenceProperties(@DefaultValue("5m") Duration awayAfter, @DefaultValue("30m") Duration offlineAfter) {

    PresenceProperties {
        if (awayAfter.isNegative() || awayAfter.isZero() || offlineAfter.compareTo(awayAfter) <= 0) {
            throw new IllegalArgumentException("ticolops.presence: away-after must be positive and offline-after longer than it, not "
                    + awayAfter + " and " + offlineAfter);
        }
    }
}
