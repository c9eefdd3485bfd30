package com.ticolops.bot.deployment;

import java.util.Locale;

/** Where a deployment is; it only ever moves forward: pending → queued → building → success | failed | cancelled. */
public enum DeploymentStatus {
    PENDING(0), QUEUED(1), BUILDING(2), SUCCESS(3), FAILED(3), CANCELLED(3);

    private final int rank;

    DeploymentStatus(int rank) {
        this.rank = rank;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeploymentStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return rank == 3;
    }

    /** Whether moving from this status to {@code next} is forward; a redelivered or late status is not. */
    boolean precedes(DeploymentStatus next) {
        return rank < next.rank;
    }
}
