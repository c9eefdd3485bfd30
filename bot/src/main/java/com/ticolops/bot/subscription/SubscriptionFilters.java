package com.ticolops.bot.subscription;

import com.ticolops.bot.command.CommandException;
import com.ticolops.integrations.git.RepositoryActivity;
import com.ticolops.integrations.git.RepositoryActivity.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
public record SubscriptionFilters(List<String> branches, List<String> paths, List<String> labelsAny, List<String> labelsAll, List<String> authors,
                                  boolean teamOnly, List<String> environments, Set<Outcome> outcomes, Boolean drafts, boolean notMine) {

    public static final SubscriptionFilters NONE = new SubscriptionFilters(List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of(),
            Set.of(), null, false);
    static final String SYNTAX = "branch:<globs> path:<globs> label:<any of> label-all:<all of> author:<logins>|team env:<names> "
            + "status:success|failure|cancelled drafts:on|off not-mine[:off]; <key>:* removes that filter";

    /** Branch and path globs: {@code *} stays within one path segment, {@code **} crosses them. */
    private static final AntPathMatcher GLOB = new AntPathMatcher();
    private static final Map<String, Outcome> OUTCOMES = Map.of("success", Outcome.SUCCESS, "succeeded", Outcome.SUCCESS,
            "failure", Outcome.FAILURE, "failures", Outcome.FAILURE, "failed", Outcome.FAILURE,
            "cancelled", Outcome.CANCELLED, "canceled", Outcome.CANCELLED);

    public SubscriptionFilters {
        branches = List.copyOf(branches);
        paths = List.copyOf(paths);
        labelsAny = List.copyOf(labelsAny);
        labelsAll = List.copyOf(labelsAll);
        authors = List.copyOf(authors);
        environments = List.copyOf(environments);
        outcomes = outcomes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outcomes));
    }

    /** The filters one can set, each replaced on its own: {@code author} covers both logins and {@code team}. */
    public enum Key {
        BRANCH, PATH, LABEL, LABEL_ALL, AUTHOR, ENV, STATUS, DRAFTS, NOT_MINE;

        /** The key as typed before the colon, with the plurals and long forms people write; null for none. */
        static Key typed(String word) {
            return switch (word.toLowerCase(Locale.ROOT)) {
                case "branch", "branches" -> BRANCH;
                case "path", "paths" -> PATH;
                case "label", "labels" -> LABEL;
                case "label-all", "labels-all" -> LABEL_ALL;
                case "author", "authors" -> AUTHOR;
                case "env", "environment", "environments" -> ENV;
                case "status" -> STATUS;
                case "drafts" -> DRAFTS;
                case "not-mine" -> NOT_MINE;
                default -> null;
            };
        }
    }

    /**
     * What one {@code subscribe} says about filters, per key: each key in {@code keys} takes its value from
     * {@code values}, so a key named without a value ({@code branch:*}) is removed; the other keys stay as they were.
     */
    public record Change(Set<Key> keys, SubscriptionFilters values) {

        public static final Change NONE = new Change(Set.of(), SubscriptionFilters.NONE);

        public Change {
            keys = Set.copyOf(keys);
        }
    }

    /** Who is asking: the subscriber's own Git logins (for not-mine) and the project team's (for author:team), lower case. */
    record Audience(Set<String> subscriberLogins, Set<String> teamLogins) {
    }

    boolean isEmpty() {
        return equals(NONE);
    }

    /** These filters with the keys the change names replaced, and the others kept. */
    SubscriptionFilters apply(Change change) {
        Function<Key, SubscriptionFilters> from = key -> change.keys().contains(key) ? change.values() : this;
        return new SubscriptionFilters(from.apply(Key.BRANCH).branches, from.apply(Key.PATH).paths, from.apply(Key.LABEL).labelsAny,
                from.apply(Key.LABEL_ALL).labelsAll, from.apply(Key.AUTHOR).authors, from.apply(Key.AUTHOR).teamOnly, from.apply(Key.ENV).environments,
                from.apply(Key.STATUS).outcomes, from.apply(Key.DRAFTS).drafts, from.apply(Key.NOT_MINE).notMine);
    }

    boolean matches(Feature feature, RepositoryActivity activity, Audience audience) {
        String who = lower(activity.author() != null ? activity.author() : activity.actor());
        return (branches.isEmpty() || activity.branch() == null || branches.stream().anyMatch(glob -> GLOB.match(glob, activity.branch())))
                && (paths.isEmpty() || activity.paths().isEmpty()
                        || activity.paths().stream().anyMatch(path -> paths.stream().anyMatch(glob -> GLOB.match(glob, path))))
                && (labelsAny.isEmpty() || activity.labels() == null || lowered(activity.labels()).stream().anyMatch(labelsAny::contains))
                && (labelsAll.isEmpty() || activity.labels() == null || lowered(activity.labels()).containsAll(labelsAll))
                && (authors.isEmpty() || authors.contains(who))
                && (!teamOnly || audience.teamLogins().contains(who))
                && (environments.isEmpty() || activity.environment() == null || environments.contains(lower(activity.environment())))
                && (outcomes.isEmpty() || !feature.endsWithOutcome() || (activity.outcome() != null && outcomes.contains(activity.outcome())))
                && (!Boolean.FALSE.equals(drafts) || !activity.draft())
                && (!notMine || !audience.subscriberLogins().contains(lower(activity.actor())));
    }

    /**
     * Reads the filter words a person typed in chat; anything else is refused with the syntax, never silently ignored.
     * {@code <key>:*} names the key with no value, which removes that filter.
     */
    static Change parse(List<String> words) {
        Set<Key> keys = EnumSet.noneOf(Key.class);
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
                keys.add(Key.NOT_MINE);
                notMine = true;
                continue;
            }
            int colon = word.indexOf(':');
            if (colon <= 0 || colon == word.length() - 1) {
                throw new CommandException("`" + word + "` is not a filter. Filters: " + SYNTAX + ".");
            }
            Key key = Key.typed(word.substring(0, colon));
            if (key == null) {
                throw new CommandException("`" + word.substring(0, colon).toLowerCase(Locale.ROOT) + ":` is not a filter. Filters: " + SYNTAX + ".");
            }
            keys.add(key);
            String value = word.substring(colon + 1);
            if (value.equals("*")) {
                continue;
            }
            List<String> values = Arrays.stream(value.split(",")).filter(v -> !v.isBlank()).toList();
            switch (key) {
                case BRANCH -> branches.addAll(values);
                case PATH -> paths.addAll(values);
                case LABEL -> labelsAny.addAll(lowered(values));
                case LABEL_ALL -> labelsAll.addAll(lowered(values));
                case AUTHOR -> {
                    teamOnly |= values.stream().anyMatch(v -> v.equalsIgnoreCase("team"));
                    authors.addAll(lowered(values.stream().filter(v -> !v.equalsIgnoreCase("team")).map(v -> v.replaceFirst("^@", "")).toList()));
                }
                case ENV -> environments.addAll(lowered(values));
                case STATUS -> values.forEach(v -> {
                    Outcome outcome = OUTCOMES.get(v.toLowerCase(Locale.ROOT));
                    if (outcome == null) {
                        throw new CommandException("`" + v + "` is not a status: use success, failure or cancelled.");
                    }
                    outcomes.add(outcome);
                });
                case DRAFTS -> drafts = onOrOff(word, value) ? null : Boolean.FALSE;
                case NOT_MINE -> notMine = onOrOff(word, value);
            }
        }
        return new Change(keys, new SubscriptionFilters(branches, paths, labelsAny, labelsAll, authors, teamOnly, environments, outcomes, drafts, notMine));
    }

    /** A flag's value: {@code drafts:on}, {@code not-mine:off}. */
    private static boolean onOrOff(String word, String value) {
        String key = word.substring(0, word.indexOf(':') + 1);
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new CommandException("`" + word + "` must be " + key + "on or " + key + "off.");
        };
    }

    /** The filters as they would be typed, for listings; empty when there are none. */
    public String describe() {
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
