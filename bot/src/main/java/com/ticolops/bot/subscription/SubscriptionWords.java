package com.ticolops.bot.subscription;

import com.ticolops.bot.command.CommandException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What follows the repository in {@code subscribe} and {@code unsubscribe}: feature names, then filters. */
record SubscriptionWords(Set<Feature> features, SubscriptionFilters.Change filters) {

    static final String FEATURE_NAMES = Arrays.stream(Feature.values()).map(Feature::id).collect(Collectors.joining(", "));

    /** The names people coming from the GitHub and GitLab apps type, as well as ours. */
    private static final Map<String, Set<Feature>> WORDS = Map.ofEntries(
            Map.entry("all", EnumSet.allOf(Feature.class)),
            Map.entry("commits", EnumSet.of(Feature.PUSHES)), Map.entry("push", EnumSet.of(Feature.PUSHES)),
            Map.entry("pull", EnumSet.of(Feature.PULLS)), Map.entry("prs", EnumSet.of(Feature.PULLS)),
            Map.entry("mrs", EnumSet.of(Feature.PULLS)), Map.entry("merge-requests", EnumSet.of(Feature.PULLS)),
            Map.entry("pull-requests", EnumSet.of(Feature.PULLS)), Map.entry("review", EnumSet.of(Feature.REVIEWS)),
            Map.entry("comment", EnumSet.of(Feature.COMMENTS)), Map.entry("ci", EnumSet.of(Feature.PIPELINES)),
            Map.entry("workflows", EnumSet.of(Feature.PIPELINES)), Map.entry("pipeline", EnumSet.of(Feature.PIPELINES)),
            Map.entry("deployment", EnumSet.of(Feature.DEPLOYMENTS)), Map.entry("release", EnumSet.of(Feature.RELEASES)),
            Map.entry("issue", EnumSet.of(Feature.ISSUES)));

    static SubscriptionWords parse(String text) {
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        List<String> filters = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            Set<Feature> named = feature(word.toLowerCase(Locale.ROOT));
            if (named != null) {
                features.addAll(named);
            } else if (word.contains(":") || word.equalsIgnoreCase("not-mine")) {
                filters.add(word);
            } else {
                throw new CommandException("`" + word + "` is neither a feature nor a filter. Features: " + FEATURE_NAMES
                        + " (or all). Filters: " + SubscriptionFilters.SYNTAX + ".");
            }
        }
        return new SubscriptionWords(features, SubscriptionFilters.parse(filters));
    }

    private static Set<Feature> feature(String word) {
        for (Feature feature : Feature.values()) {
            if (feature.id().equals(word)) {
                return EnumSet.of(feature);
            }
        }
        return WORDS.get(word);
    }
}
