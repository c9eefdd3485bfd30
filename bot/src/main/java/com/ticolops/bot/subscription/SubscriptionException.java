package com.ticolops.bot.subscription;

/** A subscription use case that cannot be done. The reason and the repository let each surface say it in its own words. */
public class SubscriptionException extends RuntimeException {

    public enum Reason {
        /** No repository of that name is connected to the project. */
        NOT_CONNECTED,
        /** The project has a repository of that name on GitHub and one on GitLab; the provider must be named. */
        CONNECTED_FROM_BOTH,
        /** The channel has no subscription to that repository. */
        NOT_SUBSCRIBED
    }

    private final Reason reason;
    private final String repository;

    SubscriptionException(Reason reason, String repository) {
        super(switch (reason) {
            case NOT_CONNECTED -> repository + " is not connected to the project";
            case CONNECTED_FROM_BOTH -> repository + " is connected from both GitHub and GitLab; name the provider";
            case NOT_SUBSCRIBED -> "the channel is not subscribed to " + repository;
        });
        this.reason = reason;
        this.repository = repository;
    }

    public Reason reason() {
        return reason;
    }

    /** The repository as asked for, without a provider prefix. */
    public String repository() {
        return repository;
    }
}
