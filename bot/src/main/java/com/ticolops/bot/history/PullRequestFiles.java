package com.ticolops.bot.history;

import com.ticolops.bot.repo.GitHosts;
import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.net.OutboundCalls;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the paths each pull (merge) request changes, which no webhook payload lists: asked of the provider's API after
 * the request is opened, reopened, gets new commits, leaves draft or moves to another target branch, when Ticolops has
 * a token for the repository. Without a token the files stay empty.
 *
 * <p>The files are an enrichment, never worth losing the rest of the pull request over: an answer that will not change
 * by asking again (401, 403, 404) is logged and the event is done. A failure that may pass (5xx, no answer) fails the
 * event so that it is resubmitted every 30 s (housekeeping), for {@link #RETRIED_FOR} after the delivery arrived; past
 * that it is given up, and the request's next push asks again anyway.
 */
@Component
class PullRequestFiles {

    private static final Logger log = LoggerFactory.getLogger(PullRequestFiles.class);
    private static final Set<String> CHANGING_FILES = Set.of("opened", "reopened", "synchronize", "ready_for_review");
    static final Duration RETRIED_FOR = Duration.ofHours(1);

    private final Repositories repositories;
    private final GitHosts hosts;
    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;

    PullRequestFiles(Repositories repositories, GitHosts hosts, JdbcClient jdbc, TransactionOperations transactions,
                     ApplicationEventPublisher events) {
        this.repositories = repositories;
        this.hosts = hosts;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * Like {@code @ApplicationModuleListener} (after commit, asynchronously, completed in the event publication registry),
     * but without its transaction: the API call must hold no database connection, and the one write is a single
     * statement, atomic by itself.
     */
    @Async(OutboundCalls.EXECUTOR)
    @TransactionalEventListener
    void on(PullRequestChanged pr) {
        if (!CHANGING_FILES.contains(pr.action()) && !("edited".equals(pr.action()) && pr.baseChanged())) {
            return;
        }
        Optional<Repositories.Ref> repository = repositories.find(pr.provider(), pr.repository());
        Optional<GitHosts.Api> api = repository.flatMap(hosts::api);
        if (api.isEmpty()) {
            return;
        }
        List<String> files;
        try {
            files = api.get().client().pullRequestFiles(api.get().access(), pr.repository(), pr.number());
        } catch (GitHostException e) {
            if (e.reason() == GitHostException.Reason.FAILED && arrivedWithin(pr, RETRIED_FOR)) {
                throw e;
            }
            log.warn("The files of {} {}#{} were not stored: {}", pr.provider().id(), pr.repository(), pr.number(), e.getMessage());
            return;
        }
        // A short transaction of its own, after the API call: the files and the event that announces them commit together.
        transactions.executeWithoutResult(status -> {
            if (store(repository.get().id(), pr, files, Instant.now())) {
                events.publishEvent(new PullRequestFilesChecked(pr.provider(), pr.repository(), repository.get().projectId(), pr.number(),
                        pr.author(), pr.sourceBranch(), pr.targetBranch(), files));
            }
        });
    }

    /**
     * {@link RepositoryFacts} writes the rest of the row, in its own listener that may run before or after this one: when
     * the row is not there yet it is inserted from the same event, and RepositoryFacts' upsert then completes it without
     * touching the files. Of two answers the later one wins, whichever is written last: the API always lists the
     * request's current files.
     */
    /** @return whether this answer was stored, i.e. no later one was there already */
    private boolean store(long repositoryId, PullRequestChanged pr, List<String> files, Instant checkedAt) {
        return jdbc.sql("""
                        insert into pull_requests (repository_id, number, title, author, source_branch, target_branch, state, draft, labels,
                                                   files, files_checked_at)
                        values (:repository, :number, :title, :author, :source, :target, :state, :draft, cast(:labels as text[]),
                                cast(:files as text[]), :checked)
                        on conflict (repository_id, number) do update set files = excluded.files, files_checked_at = excluded.files_checked_at
                        where pull_requests.files_checked_at is null or pull_requests.files_checked_at < excluded.files_checked_at""")
                .param("repository", repositoryId).param("number", pr.number()).param("title", pr.title()).param("author", pr.author())
                .param("source", pr.sourceBranch()).param("target", pr.targetBranch()).param("state", RepositoryFacts.state(pr))
                .param("draft", pr.draft()).param("labels", RepositoryFacts.textArray(pr.labels()))
                .param("files", RepositoryFacts.textArray(files)).param("checked", Timestamp.from(checkedAt))
                .update() > 0;
    }

    private boolean arrivedWithin(PullRequestChanged pr, Duration window) {
        return jdbc.sql("select exists (select 1 from webhook_deliveries where provider = ? and delivery_id = ? and received_at > ?)")
                .params(pr.provider().id(), pr.deliveryId(), Timestamp.from(Instant.now().minus(window)))
                .query(Boolean.class).single();
    }
}
