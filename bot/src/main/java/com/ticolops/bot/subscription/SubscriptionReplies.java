package com.ticolops.bot.subscription;

import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.ProjectRef;
import java.util.Set;
import java.util.stream.Collectors;

/** How the subscription commands say in chat what the service returns or refuses. */
final class SubscriptionReplies {

    private SubscriptionReplies() {
    }

    /** The whole subscription in one phrase: "pulls, reviews from acme/shop, filtered by branch:main". */
    static String gets(Subscription subscription) {
        return features(subscription.features()) + " from " + subscription.repository()
                + (subscription.filters().isEmpty() ? "" : ", filtered by " + subscription.filters().describe());
    }

    static String features(Set<Feature> features) {
        return features.size() == Feature.values().length ? "everything" : features.stream().sorted().map(Feature::id).collect(Collectors.joining(", "));
    }

    static CommandException refusal(SubscriptionException refused, ProjectRef project) {
        String repository = refused.repository();
        return new CommandException(switch (refused.reason()) {
            case NOT_CONNECTED -> repository + " is not connected to " + project.name() + ". Connect it first: /ticolops repo connect github "
                    + repository + " (or gitlab), or see the connected ones with /ticolops repo list.";
            case CONNECTED_FROM_BOTH -> repository + " is connected from both GitHub and GitLab: write github:" + repository + " or gitlab:"
                    + repository + ".";
            case NOT_SUBSCRIBED -> "This channel is not subscribed to " + repository + ".";
        });
    }
}
