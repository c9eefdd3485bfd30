package com.ticolops.bot.conflict;

import com.ticolops.bot.history.OpenPullRequests;
import com.ticolops.bot.repo.GitHosts;
import com.ticolops.bot.repo.Repositories;
import com.ticolops.bot.user.IdentityKind;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.PushReceived;
import com.ticolops.integrations.net.OutboundCalls;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionOperations;

/**
 * After a push to a branch, asks GitHub or GitLab whether each open request into that branch can still merge, and
 * tells its author (through {@link PullRequestUnmergeable}) when it cannot. Needs a token for the repository; without
 * one nothing is asked.
 */
@Component
class UnmergeablePullRequests {

    private static final Logger log = LoggerFactory.getLogger(UnmergeablePullRequests.class);
    /** A push to a busy main branch must not turn into a storm of API calls. */
    static final int MAX_CHECKED = 20;
    /** Both providers work the answer out after the push; the first question may start that and get "not yet". */
    static final int ATTEMPTS = 3;
    static final Duration BETWEEN_ATTEMPTS = Duration.ofSeconds(2);

    private final Repositories repositories;
    private final GitHosts hosts;
    private final OpenPullRequests pullRequests;
    private final Users users;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;

    UnmergeablePullRequests(Repositories repositories, GitHosts hosts, OpenPullRequests pullRequests, Users users,
                            TransactionOperations transactions, ApplicationEventPublisher events) {
        this.repositories = repositories;
        this.hosts = hosts;
        this.pullRequests = pullRequests;
        this.users = users;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * Like {@code @ApplicationModuleListener} but without its transaction: the API calls (and the waits between them)
     * must hold no database connection. A failed answer is logged, not retried: the next push asks again.
     */
    @Async(OutboundCalls.EXECUTOR)
    @TransactionalEventListener(condition = "@unmergeablePullRequests.concerns(#push)")
    void on(PushReceived push) {
        if (push.isTag() || push.deleted()) {
            return;
        }
        Optional<Repositories.Ref> repository = repositories.find(push.provider(), push.repository());
        Optional<GitHosts.Api> api = repository.flatMap(hosts::api);
        if (api.isEmpty()) {
            return;
        }
        for (OpenPullRequests.OpenPullRequest pr : pullRequests.into(repository.get().id(), push.branch(), MAX_CHECKED)) {
            try {
                if (mergeable(api.get(), push.repository(), pr.number()).filter(mergeable -> !mergeable).isPresent()) {
                    tell(repository.get(), push, pr);
                }
            } catch (GitHostException e) {
                log.warn("Whether {} {}#{} can still merge was not learnt: {}", push.provider().id(), push.repository(), pr.number(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A push to a branch open pull requests of a connected repository target. Asked while the push is published: one
     * that concerns none costs no event publication, no thread and no transaction (issue 9). Public: the condition calls it
     * on the proxy.
     */
    public boolean concerns(PushReceived push) {
        return !push.isTag() && !push.deleted() && repositories.find(push.provider(), push.repository())
                .filter(repository -> !pullRequests.into(repository.id(), push.branch(), 1).isEmpty()).isPresent();
    }

    private Optional<Boolean> mergeable(GitHosts.Api api, String repository, int number) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Optional<Boolean> answer = api.client().mergeable(api.access(), repository, number);
            if (answer.isPresent() || attempt == ATTEMPTS) {
                return answer;
            }
            Thread.sleep(BETWEEN_ATTEMPTS.toMillis());
        }
    }

    private void tell(Repositories.Ref repository, PushReceived push, OpenPullRequests.OpenPullRequest pr) {
        IdentityKind kind = push.provider() == GitProvider.GITHUB ? IdentityKind.GITHUB : IdentityKind.GITLAB;
        Long author = pr.author() == null ? null : users.find(kind, pr.author()).orElse(null);
        String noun = push.provider() == GitProvider.GITHUB ? "Pull request" : "Merge request";
        String sentence = noun + " #" + pr.number() + " (" + pr.title() + ") in " + push.repository() + " has conflicts with "
                + push.branch() + " since " + push.pusher() + "'s push: merge " + push.branch() + " into " + pr.sourceBranch() + " and resolve them.";
        transactions.executeWithoutResult(status -> events.publishEvent(new PullRequestUnmergeable(repository.projectId(), push.provider(),
                push.repository(), pr.number(), author, pr.author(), push.branch(), push.deliveryId(), sentence)));
    }
}
