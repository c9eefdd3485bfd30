package com.ticolops.integrations.leader;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticolops.leader.*}: how a leader keeps its role. It renews its lock every {@code heartbeat}; a lock not renewed
 * for {@code ttl} (its replica died) is free, and the other replicas ask for it every {@code retry}. The replicas of one
 * Ticolops elect within one {@code region}; two installations on one database (or two test contexts) need two.
 */
@ConfigurationProperties("ticolops.leader")
public record LeaderProperties(@DefaultValue("15s") Duration ttl, @DefaultValue("3s") Duration heartbeat, @DefaultValue("1s") Duration retry,
                               @DefaultValue("ticolops") String region) {

    public LeaderProperties {
        if (heartbeat.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("ticolops.leader.heartbeat (" + heartbeat + ") must be shorter than ticolops.leader.ttl (" + ttl
                    + "), or a live leader's lock would expire between two renewals");
        }
    }
}
