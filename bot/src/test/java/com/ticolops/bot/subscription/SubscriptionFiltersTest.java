package com.ticolops.bot.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ticolops.bot.command.CommandException;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.RepositoryActivity;
import com.ticolops.integrations.git.RepositoryActivity.Outcome;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each filter, table by table: the filter as typed, the event's fact, and whether the channel sees it. */
class SubscriptionFiltersTest {

    private static final SubscriptionFilters.Audience NOBODY = new SubscriptionFilters.Audience(Set.of(), Set.of());

    /** An event with just the facts a row needs, and the feature it comes under; "-" in a table means the event does not carry that fact. */
    private record Activity(Feature feature, String actor, String author, String branch, List<String> paths, List<String> labels,
                            String environment, Outcome outcome, boolean draft) implements RepositoryActivity {

        static Activity of(Feature feature) {
            return new Activity(feature, "alice", null, null, List.of(), null, null, null, false);
        }

        @Override
        public GitProvider provider() {
            return GitProvider.GITHUB;
        }

        @Override
        public String repository() {
            return "acme/shop";
        }

        @Override
        public String author() {
            return author == null ? actor : author;
        }

        Activity onBranch(String value) {
            return new Activity(feature, actor, author, value, paths, labels, environment, outcome, draft);
        }

        Activity touching(List<String> value) {
            return new Activity(feature, actor, author, branch, value, labels, environment, outcome, draft);
        }

        Activity labelled(List<String> value) {
            return new Activity(feature, actor, author, branch, paths, value, environment, outcome, draft);
        }

        Activity by(String actorValue, String authorValue) {
            return new Activity(feature, actorValue, authorValue, branch, paths, labels, environment, outcome, draft);
        }

        Activity in(String value) {
            return new Activity(feature, actor, author, branch, paths, labels, value, outcome, draft);
        }

        Activity ended(Outcome value) {
            return new Activity(feature, actor, author, branch, paths, labels, environment, value, draft);
        }

        Activity asDraft() {
            return new Activity(feature, actor, author, branch, paths, labels, environment, outcome, true);
        }
    }

    private static SubscriptionFilters filters(String typed) {
        return SubscriptionFilters.NONE.apply(change(typed));
    }

    private static SubscriptionFilters.Change change(String typed) {
        return SubscriptionFilters.parse(Arrays.stream(typed.split(" ")).filter(w -> !w.isBlank()).toList());
    }

    private static List<String> list(String cell) {
        return cell.equals("-") ? null : Arrays.stream(cell.split(";")).filter(s -> !s.isBlank()).toList();
    }

    @ParameterizedTest(name = "{0} with branch {1}: {2}")
    @CsvSource({
            "branch:main,                  main,          true",
            "branch:main,                  develop,       false",
            "branch:release/*,             release/1.2,   true",
            "branch:release/*,             release/1/hot, false",
            "branch:release/**,            release/1/hot, true",
            "'branch:main,develop',        develop,       true",
            "branch:main,                  -,             true"})
    void branchGlobs(String filter, String branch, boolean shown) {
        Activity push = Activity.of(Feature.PUSHES).onBranch(branch.equals("-") ? null : branch);

        assertThat(filters(filter).matches(push.feature(), push, NOBODY)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} touching {1}: {2}")
    @CsvSource({
            "path:src/**,           src/app/main.ts,       true",
            "path:src/**,           docs/readme.md,        false",
            "path:src/**,           docs/readme.md;src/a,  true",
            "path:*.md,             README.md,             true",
            "path:*.md,             docs/guide.md,         false",
            "path:src/**,           '',                    true"})
    void pathGlobsMatchWhenAnyFileMatchesAndDoNotApplyWhenNoFilesAreListed(String filter, String files, boolean shown) {
        Activity push = Activity.of(Feature.PUSHES).touching(list(files));

        assertThat(filters(filter).matches(push.feature(), push, NOBODY)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} with labels {1}: {2}")
    @CsvSource({
            "'label:bug,urgent',        bug,            true",
            "'label:bug,urgent',        docs,           false",
            "'label:bug,urgent',        '',             false",
            "label:Bug,                 bug,            true",
            "'label-all:bug,urgent',    bug;urgent;ui,  true",
            "'label-all:bug,urgent',    bug,            false",
            "label:bug,                 -,              true"})
    void labelsAnyOfOrAllOfAndNoEffectOnEventsWithoutLabels(String filter, String labels, boolean shown) {
        Activity pull = Activity.of(labels.equals("-") ? Feature.PUSHES : Feature.PULLS).labelled(list(labels));

        assertThat(filters(filter).matches(pull.feature(), pull, NOBODY)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}, actor {1}, author {2}: {3}")
    @CsvSource({
            "author:alice,      alice, -,     true",
            "author:@Alice,     alice, -,     true",
            "author:alice,      bob,   -,     false",
            "author:alice,      bob,   alice, true",
            "author:team,       carol, -,     true",
            "author:team,       mallory, -,   false"})
    void authorsByLoginOrTheProjectTeam(String filter, String actor, String author, boolean shown) {
        Activity pull = Activity.of(Feature.PULLS).by(actor, author.equals("-") ? null : author);
        SubscriptionFilters.Audience team = new SubscriptionFilters.Audience(Set.of(), Set.of("carol", "dave"));

        assertThat(filters(filter).matches(pull.feature(), pull, team)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
            "env:production,               production, true",
            "env:Production,               production, true",
            "env:production,               staging,    false",
            "'env:production,staging',     staging,    true",
            "env:production,               -,          true"})
    void environments(String filter, String environment, boolean shown) {
        Activity deployment = Activity.of(Feature.DEPLOYMENTS).in(environment.equals("-") ? null : environment).ended(Outcome.SUCCESS);

        assertThat(filters(filter).matches(deployment.feature(), deployment, NOBODY)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}: {1} {2} → {3}")
    @CsvSource({
            "status:failure,           PIPELINES,   FAILURE,   true",
            "status:failure,           PIPELINES,   SUCCESS,   false",
            "status:failed,            PIPELINES,   FAILURE,   true",
            "'status:failure,cancelled', PIPELINES, CANCELLED, true",
            "status:failure,           DEPLOYMENTS, -,         false",
            "status:success,           DEPLOYMENTS, SUCCESS,   true",
            "status:failure,           PUSHES,      -,         true"})
    void statusFiltersPipelinesAndDeploymentsAndHidesOnesStillRunning(String filter, Feature feature, String outcome, boolean shown) {
        Activity activity = Activity.of(feature).ended(outcome.equals("-") ? null : Outcome.valueOf(outcome));

        assertThat(filters(filter).matches(activity.feature(), activity, NOBODY)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}, draft {1}: {2}")
    @CsvSource({
            "drafts:off, true,  false",
            "drafts:off, false, true",
            "drafts:on,  true,  true",
            "'',         true,  true"})
    void draftsCanBeHidden(String filter, boolean draft, boolean shown) {
        Activity pull = draft ? Activity.of(Feature.PULLS).asDraft() : Activity.of(Feature.PULLS);

        assertThat(filters(filter).matches(pull.feature(), pull, NOBODY)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "not-mine, actor {0}: {1}")
    @CsvSource({"alice, false", "Alice, false", "bob, true"})
    void notMineHidesWhatTheSubscriberDidThemselves(String actor, boolean shown) {
        SubscriptionFilters.Audience alice = new SubscriptionFilters.Audience(Set.of("alice"), Set.of());

        Activity push = Activity.of(Feature.PUSHES).by(actor, null);

        assertThat(filters("not-mine").matches(push.feature(), push, alice)).isEqualTo(shown);
    }

    @Test
    void filtersCombineAllMustLetTheEventThrough() {
        SubscriptionFilters filters = filters("branch:main status:failure not-mine");
        SubscriptionFilters.Audience alice = new SubscriptionFilters.Audience(Set.of("alice"), Set.of());
        Activity failedOnMainByBob = Activity.of(Feature.PIPELINES).onBranch("main").ended(Outcome.FAILURE).by("bob", null);

        assertThat(filters.matches(failedOnMainByBob.feature(), failedOnMainByBob, alice)).isTrue();
        assertThat(filters.matches(Feature.PIPELINES, failedOnMainByBob.onBranch("dev"), alice)).isFalse();
        assertThat(filters.matches(Feature.PIPELINES, failedOnMainByBob.by("alice", null), alice)).isFalse();
    }

    @ParameterizedTest(name = "{0}, then {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "branch:main                    | path:docs/**           | branch:main path:docs/**",
            "branch:main path:docs/**       | branch:*               | path:docs/**",
            "branch:main                    | branch:release/*       | branch:release/*",
            "author:alice                   | author:team            | author:team",
            "label:bug                      | label-all:ui           | label:bug label-all:ui",
            "env:production status:failure  | env:*                  | status:failure",
            "status:failure                 | status:* not-mine      | not-mine",
            "drafts:off not-mine            | drafts:on not-mine:off | ''",
            "drafts:off not-mine            | drafts:* not-mine:*    | ''",
            "path:src/**                    | ''                     | path:src/**"})
    void aSecondSubscribeChangesOnlyTheFiltersItNames(String first, String second, String result) {
        assertThat(filters(first).apply(change(second)).describe()).isEqualTo(result);
    }

    @Test
    void filtersAreDescribedAsTheyAreTyped() {
        assertThat(filters("branch:main,release/* label:bug author:team status:failure drafts:off not-mine").describe())
                .isEqualTo("branch:main,release/* label:bug author:team status:failure drafts:off not-mine");
        assertThat(filters("").isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "colour:red       | `colour:` is not a filter. Filters: branch:",
            "status:flaky     | `flaky` is not a status: use success, failure or cancelled.",
            "drafts:maybe     | `drafts:maybe` must be drafts:on or drafts:off.",
            "not-mine:maybe   | `not-mine:maybe` must be not-mine:on or not-mine:off.",
            "branch:          | `branch:` is not a filter."})
    void aMistypedFilterIsRefusedSayingWhatIsAllowed(String typed, String message) {
        assertThatThrownBy(() -> filters(typed)).isInstanceOf(CommandException.class).hasMessageStartingWith(message.trim());
    }
}
