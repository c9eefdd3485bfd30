package com.ticolops.bot.notification;

import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.git.RepositoryActivity.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What follows the repository in {@code subscribe} and {@code unsubscribe}: feature names, then filters. */
record SubscriptionWords(Set<Feature> features, List<String> filters) {

    /** What a channel gets when {@code subscribe} names no feature: everything but the chattiest (comments). */
    static final Set<Feature> DEFAULT_FEATURES = EnumSet.complementOf(EnumSet.of(Feature.COMMENTS));
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
        return new SubscriptionWords(features, filters);
    }

    private static Set<Feature> feature(String word) {
        for (Feature feature : Feature.values()) {
            if (feature.id().equals(word)) {
                return EnumSet.of(feature);
            }
        }
        return WORDS.get(word);
    }

    /** The repository typed, among the project's: {@code owner/name}, or {@code github:owner/name} when both hosts have one. */
    static Repositories.Ref repository(Repositories repositories, long projectId, String projectName, String typed) {
        int colon = typed.indexOf(':');
        String name = colon > 0 ? typed.substring(colon + 1) : typed;
        List<Repositories.Ref> found = repositories.named(projectId, name).stream()
                .filter(ref -> colon <= 0 || ref.provider().id().equalsIgnoreCase(typed.substring(0, colon))).toList();
        if (found.isEmpty()) {
            throw new CommandException(name + " is not connected to " + projectName + ". Connect it first: /ticolops repo connect github " + name
                    + " (or gitlab), or see the connected ones with /ticolops repo list.");
        }
        if (found.size() > 1) {
            throw new CommandException(name + " is connected from both GitHub and GitLab: write github:" + name + " or gitlab:" + name + ".");
        }
        return found.get(0);
    }

    static String describe(Set<Feature> features) {
        return features.size() == Feature.values().length ? "everything" : features.stream().sorted().map(Feature::id).collect(Collectors.joining(", "));
    }
}
