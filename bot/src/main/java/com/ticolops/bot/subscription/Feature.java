package com.ticolops.bot.subscription;

import java.util.Locale;

/**
 * What a channel can subscribe to, by the names people type. The subscription module owns this list, so a new kind of
 * announcement (deployments, incidents, conflicts) is added here and not in the adapter that reports it.
 */
public enum Feature {
    PUSHES(false), PULLS(false), REVIEWS(false), COMMENTS(false), PIPELINES(true), DEPLOYMENTS(true), RELEASES(false), ISSUES(false);

    private final boolean endsWithOutcome;

    Feature(boolean endsWithOutcome) {
        this.endsWithOutcome = endsWithOutcome;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Pipelines and deployments end in an outcome; a status filter hides the ones still running. */
    boolean endsWithOutcome() {
        return endsWithOutcome;
    }
}
