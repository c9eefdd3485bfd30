package com.ticolops.bot.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ticolops.bot.subscription.SubscriptionException.Reason;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The subscription use cases called as the REST API and the settings page will call them: records in, records and domain exceptions out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubscriptionServiceTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SubscriptionService subscriptions;

    String alice = Names.unique("alice");
    String project = Names.unique("shop");
    String repository = "octo-org/" + Names.unique("shop");
    Conversation reviews = new Conversation(Platform.CONSOLE, Names.unique("shop-reviews"));
    long projectId;
    long aliceId;

    @BeforeEach
    void aProjectWithAConnectedRepository() {
        Ticolops ticolops = new Ticolops(port);
        String dev = Names.unique("shop-dev");
        ticolops.command(alice, dev, "project create " + project);
        ticolops.connectGitHub(alice, dev, repository);
        projectId = jdbc.sql("select id from projects where name = ?").param(project).query(Long.class).single();
        aliceId = jdbc.sql("select s.created_by from subscriptions s join repositories r on r.id = s.repository_id where r.full_name = ?")
                .param(repository).query(Long.class).single();
    }

    @Test
    void aSecondSubscribeWithAPathFilterKeepsTheBranchFilter() {
        subscriptions.subscribe(projectId, reviews, repository, EnumSet.of(Feature.PULLS), change("branch:main"), aliceId);

        Subscription subscription = subscriptions.subscribe(projectId, reviews, repository, Set.of(), change("path:docs/**"), aliceId);

        assertThat(subscription.features()).containsExactly(Feature.PULLS);
        assertThat(subscription.filters().describe()).isEqualTo("branch:main path:docs/**");
        assertThat(storedFilters()).contains("\"branches\":[\"main\"]").contains("\"paths\":[\"docs/**\"]");
    }

    @Test
    void aFirstSubscribeWithoutFeaturesGetsEverythingButComments() {
        Subscription subscription = subscriptions.subscribe(projectId, reviews, repository, Set.of(), SubscriptionFilters.Change.NONE, aliceId);

        assertThat(subscription.features()).isEqualTo(EnumSet.complementOf(EnumSet.of(Feature.COMMENTS)));
        assertThat(subscriptions.list(reviews)).containsExactly(subscription);
    }

    @Test
    void unsubscribingTheLastFeatureDeletesTheSubscription() {
        subscriptions.subscribe(projectId, reviews, repository, EnumSet.of(Feature.PULLS, Feature.REVIEWS), change("branch:main"), aliceId);

        Subscription some = subscriptions.unsubscribe(projectId, reviews, repository, EnumSet.of(Feature.REVIEWS));
        Subscription none = subscriptions.unsubscribe(projectId, reviews, repository, EnumSet.of(Feature.PULLS));

        assertThat(some.features()).containsExactly(Feature.PULLS);
        assertThat(some.filters().describe()).isEqualTo("branch:main");
        assertThat(none.features()).isEmpty();
        assertThat(none.repository()).isEqualTo(repository);
        assertThat(subscriptions.list(reviews)).isEmpty();
    }

    @Test
    void whatCannotBeDoneIsADomainExceptionWithNoChatInstructions() {
        assertThatThrownBy(() -> subscriptions.subscribe(projectId, reviews, "octo-org/elsewhere", Set.of(), SubscriptionFilters.Change.NONE, aliceId))
                .isInstanceOfSatisfying(SubscriptionException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(Reason.NOT_CONNECTED);
                    assertThat(refused.repository()).isEqualTo("octo-org/elsewhere");
                    assertThat(refused.getMessage()).isEqualTo("octo-org/elsewhere is not connected to the project").doesNotContain("/ticolops");
                });
        assertThatThrownBy(() -> subscriptions.unsubscribe(projectId, reviews, repository, Set.of()))
                .isInstanceOfSatisfying(SubscriptionException.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_SUBSCRIBED));
        assertThat(subscriptions.list(reviews)).isEmpty();
    }

    private static SubscriptionFilters.Change change(String typed) {
        return SubscriptionFilters.parse(Arrays.asList(typed.split(" ")));
    }

    private String storedFilters() {
        return jdbc.sql("select s.filters::text from subscriptions s join repositories r on r.id = s.repository_id where r.full_name = ? and s.channel_id = ?")
                .params(repository, reviews.channelId()).query(String.class).single().replace(" ", "");
    }
}
