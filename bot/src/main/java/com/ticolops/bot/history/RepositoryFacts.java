package com.ticolops.bot.history;

import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.git.DeploymentStatusChanged;
import com.ticolops.integrations.git.PipelineFinished;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import com.ticolops.integrations.git.RepositoryActivity;
import com.ticolops.integrations.git.ReviewSubmitted;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps what happens in connected repositories (commits, pull requests and their reviews, pipeline runs, deployment
 * statuses) for the features that look back. Every write is keyed so that a redelivered webhook or a retried listener
 * leaves the same rows; events of repositories no project has connected are not kept.
 *
 * <p>Written in the webhook delivery's own transaction (plain {@code @EventListener}s), which commits a group of
 * deliveries at once: a delivery is stored with its facts or not at all, without a publication and a transaction of
 * its own per listener (issue 9). A failure here refuses the delivery, which GitHub or GitLab then keeps to redeliver.
 */
@Component
class RepositoryFacts {

    private final Repositories repositories;
    private final JdbcClient jdbc;

    RepositoryFacts(Repositories repositories, JdbcClient jdbc) {
        this.repositories = repositories;
        this.jdbc = jdbc;
    }

    @EventListener
    void on(PushReceived push) {
        ofConnected(push, repositoryId -> push.commits().forEach(commit -> jdbc.sql("""
                        insert into repository_commits (repository_id, sha, author, message, authored_at, branch, files, delivery_id)
                        values (?, ?, ?, ?, ?, ?, cast(? as text[]), ?)
                        on conflict (repository_id, sha) do nothing""")
                .params(repositoryId, commit.sha(), commit.author(), commit.message(), timestamp(commit.timestamp()), push.branch(),
                        textArray(commit.files()), push.deliveryId())
                .update()));
    }

    @EventListener
    void on(PullRequestChanged pr) {
        String state = state(pr);
        ofConnected(pr, repositoryId -> jdbc.sql("""
                        insert into pull_requests (repository_id, number, title, author, source_branch, target_branch, state, draft, labels,
                                                   opened_at, merged_at, closed_at)
                        values (:repository, :number, :title, :author, :source, :target, :state, :draft, cast(:labels as text[]),
                                case when :action = 'opened' then now() end,
                                case when :state = 'merged' then now() end,
                                case when :state <> 'open' then now() end)
                        on conflict (repository_id, number) do update set
                            title = excluded.title, author = coalesce(excluded.author, pull_requests.author),
                            source_branch = excluded.source_branch, target_branch = excluded.target_branch, state = excluded.state,
                            draft = excluded.draft, labels = excluded.labels,
                            opened_at = coalesce(pull_requests.opened_at, excluded.opened_at),
                            merged_at = coalesce(pull_requests.merged_at, excluded.merged_at),
                            closed_at = case when excluded.state = 'open' then null else coalesce(pull_requests.closed_at, excluded.closed_at) end,
                            updated_at = now()""")
                .param("repository", repositoryId).param("number", pr.number()).param("title", pr.title()).param("author", pr.author())
                .param("source", pr.sourceBranch()).param("target", pr.targetBranch()).param("state", state).param("draft", pr.draft())
                .param("labels", textArray(pr.labels())).param("action", pr.action())
                .update());
    }

    @EventListener
    void on(ReviewSubmitted review) {
        ofConnected(review, repositoryId -> jdbc.sql("""
                        insert into pull_request_reviews (repository_id, delivery_id, number, reviewer, state) values (?, ?, ?, ?, ?)
                        on conflict (repository_id, delivery_id) do nothing""")
                .params(repositoryId, review.deliveryId(), review.number(), review.reviewer(), review.state())
                .update());
    }

    @EventListener
    void on(PipelineFinished run) {
        ofConnected(run, repositoryId -> jdbc.sql("""
                        insert into pipeline_runs (repository_id, delivery_id, name, branch, sha, status, outcome, actor, started_at, finished_at, url)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, now()), ?)
                        on conflict (repository_id, delivery_id) do nothing""")
                .params(repositoryId, run.deliveryId(), run.name(), run.branch(), run.sha(), run.status(), run.outcome().id(), run.actor(),
                        timestamp(run.startedAt()), timestamp(run.finishedAt()), run.url())
                .update());
    }

    @EventListener
    void on(DeploymentStatusChanged deployment) {
        ofConnected(deployment, repositoryId -> jdbc.sql("""
                        insert into deployment_statuses (repository_id, delivery_id, environment, state, outcome, ref, sha, actor, url, changed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, now()))
                        on conflict (repository_id, delivery_id) do nothing""")
                .params(repositoryId, deployment.deliveryId(), deployment.environment(), deployment.state(),
                        deployment.outcome() == null ? null : deployment.outcome().id(), deployment.ref(), deployment.sha(), deployment.actor(),
                        deployment.url(), timestamp(deployment.at()))
                .update());
    }

    static String state(PullRequestChanged pr) {
        return pr.merged() ? "merged" : "closed".equals(pr.action()) ? "closed" : "open";
    }

    private void ofConnected(RepositoryActivity activity, LongConsumer write) {
        repositories.find(activity.provider(), activity.repository()).ifPresent(repository -> write.accept(repository.id()));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** A PostgreSQL array literal, each element quoted: file paths and labels may hold commas, spaces and quotes. */
    static String textArray(List<String> values) {
        return values.stream().map(value -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
