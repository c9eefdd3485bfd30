package com.ticolops.bot.subscription;

import com.ticolops.bot.command.CommandException;
import com.ticolops.integrations.git.RepositoryActivity;
import com.ticolops.integrations.git.RepositoryActivity.Feature;
import com.ticolops.integrations.git.RepositoryActivity.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.util.AntPathMatcher;

/**
 * What narrows a subscription, as typed after {@code /ticolops subscribe <repo>}: {@code branch:main,release/*}
 * {@code path:src/**} {@code label:bug,urgent} {@code label-all:a,b} {@code author:alice|team} {@code env:production}
 * {@code status:failure} {@code drafts:off} {@code not-mine}. A filter on a fact an event does not carry (a branch filter on
 * a release) does not apply to it.
 *
 * @param drafts null when drafts are shown (the default), false to hide draft pull requests
 */
record SubscriptionFilters(List<String> branches, List<String> paths, List<String> labelsAny, List<String> labelsAll, List<String> authors,
                           boolean teamOnly, List<String> environments, Set<Outcome> outcomes, Boolean drafts, boolean notMine) {

    static final SubscriptionFilters NONE = new SubscriptionFilters(List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of(),
            Set.of(), null, false);
    static final String SYNTAX = "branch:<globs> path:<globs> label:<any of> label-all:<all of> author:<logins>|team env:<names> "
            + "status:success|failure|cancelled drafts:on|off not-mine";

    /** Branch and path globs: {@code *} stays within one path segment, {@code **} crosses them. */
    private static final AntPathMatcher GLOB = new AntPathMatcher();
    private static final Map<String, Outcome> OUTCOMES = Map.of("success", Outcome.SUCCESS, "succeeded", Outcome.SUCCESS,
            "failure", Outcome.FAILURE, "failures", Outcome.FAILURE, "failed", Outcome.FAILURE,
            "cancelled", Outcome.CANCELLED, "canceled", Outcome.CANCELLED);

    SubscriptionFilters {
        branches = List.copyOf(branches);
        paths = List.copyOf(paths);
        labelsAny = List.copyOf(labelsAny);
        labelsAll = List.copyOf(labelsAll);
        authors = List.copyOf(authors);
        environments = List.copyOf(environments);
        outcomes = outcomes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outcomes));
    }

    /** Who is asking: the subscriber's own Git logins (for not-mine) and the project team's (for author:team), lower case. */
    record Audience(Set<String> subscriberLogins, Set<String> teamLogins) {
    }

    boolean isEmpty() {
        return equals(NONE);
    }

    boolean matches(RepositoryActivity activity, Audience audience) {
        String who = lower(activity.author() != null ? activity.author() : activity.actor());
        return (branches.isEmpty() || activity.branch() == null || branches.stream().anyMatch(glob -> GLOB.match(glob, activity.branch())))
                && (paths.isEmpty() || activity.paths().isEmpty()
                        || activity.paths().stream().anyMatch(path -> paths.stream().anyMatch(glob -> GLOB.match(glob, path))))
                && (labelsAny.isEmpty() || activity.labels() == null || lowered(activity.labels()).stream().anyMatch(labelsAny::contains))
                && (labelsAll.isEmpty() || activity.labels() == null || lowered(activity.labels()).containsAll(labelsAll))
                && (authors.isEmpty() || authors.contains(who))
                && (!teamOnly || audience.teamLogins().contains(who))
                && (environments.isEmpty() || activity.environment() == null || environments.contains(lower(activity.environment())))
                && (outcomes.isEmpty() || !hasOutcome(activity.feature()) || (activity.outcome() != null && outcomes.contains(activity.outcome())))
                && (!Boolean.FALSE.equals(drafts) || !activity.draft())
                && (!notMine || !audience.subscriberLogins().contains(lower(activity.actor())));
    }

    /** Pipelines and deployments end in an outcome; a status filter hides the ones still running. */
    private static boolean hasOutcome(Feature feature) {
        return feature == Feature.PIPELINES || feature == Feature.DEPLOYMENTS;
    }

    /** Reads the filter words; anything else is refused with the syntax, never silently ignored. */
    static SubscriptionFilters parse(List<String> words) {
        List<String> branches = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> labelsAny = new ArrayList<>();
        List<String> labelsAll = new ArrayList<>();
        List<String> authors = new ArrayList<>();
        List<String> environments = new ArrayList<>();
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        boolean teamOnly = false;
        boolean notMine = false;
        Boolean drafts = null;
        for (String word : words) {
            if (word.equalsIgnoreCase("not-mine")) {
                notMine = true;
                continue;
            }
            int colon = word.indexOf(':');
            if (colon <= 0 || colon == word.length() - 1) {
                throw new CommandException("`" + word + "` is not a filter. Filters: " + SYNTAX + ".");
            }
            String key = word.substring(0, colon).toLowerCase(Locale.ROOT);
            List<String> values = Arrays.stream(word.substring(colon + 1).split(",")).filter(v -> !v.isBlank()).toList();
            switch (key) {
                case "branch", "branches" -> branches.addAll(values);
                case "path", "paths" -> paths.addAll(values);
                case "label", "labels" -> labelsAny.addAll(lowered(values));
                case "label-all", "labels-all" -> labelsAll.addAll(lowered(values));
                case "author", "authors" -> {
                    teamOnly |= values.stream().anyMatch(v -> v.equalsIgnoreCase("team"));
                    authors.addAll(lowered(values.stream().filter(v -> !v.equalsIgnoreCase("team")).map(v -> v.replaceFirst("^@", "")).toList()));
                }
                case "env", "environment", "environments" -> environments.addAll(lowered(values));
                case "status" -> values.forEach(v -> {
                    Outcome outcome = OUTCOMES.get(v.toLowerCase(Locale.ROOT));
                    if (outcome == null) {
                        throw new CommandException("`" + v + "` is not a status: use success, failure or cancelled.");
                    }
                    outcomes.add(outcome);
                });
                case "drafts" -> {
                    String value = values.get(0).toLowerCase(Locale.ROOT);
                    if (!value.equals("on") && !value.equals("off")) {
                        throw new CommandException("`drafts:" + values.get(0) + "` must be drafts:on or drafts:off.");
                    }
                    drafts = value.equals("on") ? null : Boolean.FALSE;
                }
                default -> throw new CommandException("`" + key + ":` is not a filter. Filters: " + SYNTAX + ".");
            }
        }
        return new SubscriptionFilters(branches, paths, labelsAny, labelsAll, authors, teamOnly, environments, outcomes, drafts, notMine);
    }

    /** The filters as they would be typed, for listings; empty when there are none. */
    String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "branch", branches);
        add(parts, "path", paths);
        add(parts, "label", labelsAny);
        add(parts, "label-all", labelsAll);
        List<String> who = new ArrayList<>(authors);
        if (teamOnly) {
            who.add("team");
        }
        add(parts, "author", who);
        add(parts, "env", environments);
        add(parts, "status", outcomes.stream().sorted().map(Outcome::id).toList());
        if (Boolean.FALSE.equals(drafts)) {
            parts.add("drafts:off");
        }
        if (notMine) {
            parts.add("not-mine");
        }
        return String.join(" ", parts);
    }

    private static void add(List<String> parts, String key, List<String> values) {
        if (!values.isEmpty()) {
            parts.add(key + ":" + String.join(",", values));
        }
    }

    private static List<String> lowered(List<String> values) {
        return values.stream().map(SubscriptionFilters::lower).collect(Collectors.toList());
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
