package com.ticolops.bot.deployment;

import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.git.DeployClient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Deployments, the commits they ship and the confirmations waiting for a button, in PostgreSQL (V13). */
@Component
class DeploymentRecords {

    private static final String SELECT = """
            select id, project_id, repository_id, environment_id, environment, ref, sha, requested_by, requested_by_name, platform, channel_id,
                   status, in_flight, pending_at, queued_at, building_at, finished_at, environment_url, logs_url, provider_id, provider_job_id,
                   note, failure_log,
                   failure_hint, override_reason, rollback_of, commits_listed
            from deployments
            """;
    private static final String RANK = "case status when 'pending' then 0 when 'queued' then 1 when 'building' then 2 else 3 end";

    private final JdbcClient jdbc;
    private final Repositories repositories;
    private final JsonMapper json;

    DeploymentRecords(JdbcClient jdbc, Repositories repositories, JsonMapper json) {
        this.jdbc = jdbc;
        this.repositories = repositories;
        this.json = json;
    }

    /**
     * What a new deployment is.
     *
     * @param triggerDeliveryId the push delivery of an automatic one, else null
     * @param commits           what it ships, or null when they are to be listed before its executor is called
     */
    record New(long projectId, Environment environment, String ref, String sha, Long requestedBy, String requestedByName, Conversation conversation,
               String overrideReason, Long rollbackOf, String triggerDeliveryId, List<DeployClient.Commit> commits) {
    }

    /** Another deployment holds the environment: the partial unique index on in-flight deployments refused this one. */
    static final class EnvironmentBusy extends RuntimeException {
        EnvironmentBusy(Throwable cause) {
            super("the environment has a deployment in flight", cause);
        }
    }

    /**
     * Records a deployment, pending: holding its environment ({@code inFlight}), or waiting behind the one that does.
     *
     * @return its id, or empty when the push delivery already made one
     * @throws EnvironmentBusy when {@code inFlight} and another deployment holds the environment
     */
    Optional<Long> insert(New deployment, boolean inFlight) {
        Long id;
        try {
            id = jdbc.sql("""
                            insert into deployments (project_id, repository_id, environment_id, environment, ref, sha, requested_by, requested_by_name,
                                                     platform, channel_id, status, in_flight, override_reason, rollback_of, trigger_delivery_id, commits_listed)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)
                            on conflict (trigger_delivery_id) do nothing returning id""")
                    .params(deployment.projectId(), deployment.environment().repository().id(), deployment.environment().id(),
                            deployment.environment().name(), deployment.ref(), deployment.sha(), deployment.requestedBy(), deployment.requestedByName(),
                            deployment.conversation() == null ? null : deployment.conversation().platform().id(),
                            deployment.conversation() == null ? null : deployment.conversation().channelId(),
                            inFlight, deployment.overrideReason(),
                            deployment.rollbackOf(), deployment.triggerDeliveryId(), deployment.commits() != null)
                    .query(Long.class).optional().orElse(null);
        } catch (DuplicateKeyException e) {
            if (String.valueOf(e.getMessage()).contains("deployments_one_in_flight_per_environment")) {
                throw new EnvironmentBusy(e);
            }
            throw e;
        }
        if (id == null) {
            return Optional.empty();
        }
        if (deployment.commits() != null) {
            insertCommits(id, deployment.commits());
        }
        return Optional.of(id);
    }

    /** The commits a deployment recorded without them ships; once. */
    void shipped(long id, List<DeployClient.Commit> commits) {
        if (jdbc.sql("update deployments set commits_listed = true where id = ? and not commits_listed").param(id).update() == 1) {
            insertCommits(id, commits);
        }
    }

    private void insertCommits(long id, List<DeployClient.Commit> commits) {
        for (int i = 0; i < commits.size(); i++) {
            DeployClient.Commit commit = commits.get(i);
            jdbc.sql("insert into deployment_commits (deployment_id, position, sha, title, author, url, authored_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(id, i, commit.sha(), commit.title() == null ? "" : commit.title(), commit.author(), commit.url(),
                            commit.authoredAt() == null ? null : Timestamp.from(commit.authoredAt()))
                    .update();
        }
    }

    Optional<Deployment> find(long id) {
        return jdbc.sql(SELECT + "where id = ?").param(id).query(this::deployment).optional();
    }

    Optional<Deployment> inProject(long projectId, long id) {
        return jdbc.sql(SELECT + "where project_id = ? and id = ?").params(projectId, id).query(this::deployment).optional();
    }

    /** The deployment holding the environment, if any. */
    Optional<Deployment> inFlight(long environmentId) {
        return jdbc.sql(SELECT + "where environment_id = ? and in_flight").param(environmentId).query(this::deployment).optional();
    }

    Optional<Deployment> latest(long environmentId) {
        return jdbc.sql(SELECT + "where environment_id = ? order by id desc limit 1").param(environmentId).query(this::deployment).optional();
    }

    /** The environment's latest successful deployment before deployment {@code beforeId} (any, when null). */
    Optional<Deployment> lastSuccess(long environmentId, Long beforeId) {
        return jdbc.sql(SELECT + "where environment_id = ? and status = 'success' and id < ? order by id desc limit 1")
                .params(environmentId, beforeId == null ? Long.MAX_VALUE : beforeId).query(this::deployment).optional();
    }

    /** The project's latest deployments, newest first; {@code repositoryId} and {@code environmentId} narrow when given. */
    List<Deployment> recent(long projectId, Long repositoryId, Long environmentId, int limit) {
        return jdbc.sql(SELECT + """
                        where project_id = ? and (cast(? as bigint) is null or repository_id = ?) and (cast(? as bigint) is null or environment_id = ?)
                        order by id desc limit ?""")
                .params(projectId, repositoryId, repositoryId, environmentId, environmentId, limit).query(this::deployment).list();
    }

    Optional<Deployment> byProviderId(long repositoryId, String providerId) {
        return jdbc.sql(SELECT + "where repository_id = ? and provider_id = ?").params(repositoryId, providerId).query(this::deployment).optional();
    }

    /** Whether one of the repository's deployments is being handed to its executor, its provider id not recorded yet. */
    boolean awaitingProviderId(long repositoryId) {
        return jdbc.sql("select exists (select 1 from deployments where repository_id = ? and in_flight and status = 'pending' and provider_id is null)")
                .param(repositoryId).query(Boolean.class).single();
    }

    /**
     * The executor took it: queued at the provider with the provider's id, when it gave one.
     *
     * @return false when it had moved on already (a redelivered start)
     */
    boolean started(long id, String providerId, String logsUrl, String note, Instant at) {
        return jdbc.sql("""
                        update deployments set status = 'queued', queued_at = ?, provider_id = coalesce(?, provider_id), logs_url = coalesce(?, logs_url),
                                               note = ?
                        where id = ? and status = 'pending' and in_flight""")
                .params(Timestamp.from(at), providerId, logsUrl, note, id).update() == 1;
    }

    Optional<Deployment> byJobId(long repositoryId, String jobId) {
        return jdbc.sql(SELECT + "where repository_id = ? and provider_job_id = ?").params(repositoryId, jobId).query(this::deployment).optional();
    }

    /** The GitLab job that deploys it: GitLab's deployment events name that job. */
    void job(long id, String jobId) {
        jdbc.sql("update deployments set provider_job_id = ? where id = ? and provider_job_id is distinct from ?").params(jobId, id, jobId).update();
    }

    /** A run that names the deployment: its id is the deployment's from now on, and the note that said what to wait for goes. */
    boolean adopt(long id, String providerId) {
        return jdbc.sql("update deployments set provider_id = ?, note = null where id = ? and provider_id is null").params(providerId, id).update() == 1;
    }

    /**
     * Moves the deployment forward to {@code status}, never back: a redelivered or late webhook changes nothing.
     *
     * @return whether it moved
     */
    boolean advance(long id, DeploymentStatus status, Instant at, String environmentUrl, String logsUrl, String note) {
        String step = switch (status) {
            case PENDING -> "pending_at";
            case QUEUED -> "queued_at";
            case BUILDING -> "building_at";
            case SUCCESS, FAILED, CANCELLED -> "finished_at";
        };
        // A step skipped (queued straight to success) keeps its time empty; the one reached gets the provider's time.
        return jdbc.sql("update deployments set status = ?, " + step + " = ?, in_flight = ?, environment_url = coalesce(?, environment_url), "
                        + "logs_url = coalesce(?, logs_url), note = coalesce(?, note) where id = ? and " + RANK + " < ? and (in_flight or ?)")
                .params(status.id(), Timestamp.from(at), !status.finished(), environmentUrl, logsUrl, note, id, rank(status), status.finished())
                .update() == 1;
    }

    void failure(long id, String log, String hint) {
        jdbc.sql("update deployments set failure_log = ?, failure_hint = ? where id = ?").params(log, hint, id).update();
    }

    /** Hands the environment to the oldest deployment queued behind it, if any. */
    Optional<Long> promoteNext(long environmentId) {
        return jdbc.sql("""
                        update deployments set in_flight = true where id = (
                            select id from deployments where environment_id = ? and status = 'pending' and not in_flight order by id limit 1)
                        and not exists (select 1 from deployments where environment_id = ? and in_flight)
                        returning id""")
                .params(environmentId, environmentId).query(Long.class).optional();
    }

    private static int rank(DeploymentStatus status) {
        return switch (status) {
            case PENDING -> 0;
            case QUEUED -> 1;
            case BUILDING -> 2;
            case SUCCESS, FAILED, CANCELLED -> 3;
        };
    }

    private List<DeployClient.Commit> commits(long deploymentId) {
        return jdbc.sql("select sha, title, author, url, authored_at from deployment_commits where deployment_id = ? order by position")
                .param(deploymentId)
                .query((row, n) -> new DeployClient.Commit(row.getString("sha"), row.getString("title"), row.getString("author"), row.getString("url"),
                        instant(row, "authored_at")))
                .list();
    }

    private Deployment deployment(ResultSet row, int n) throws SQLException {
        long id = row.getLong("id");
        String platform = row.getString("platform");
        Conversation conversation = platform == null ? null
                : new Conversation(Platform.valueOf(platform.toUpperCase(Locale.ROOT)), row.getString("channel_id"));
        Repositories.Ref repository = repositories.find(row.getLong("repository_id")).orElseThrow();
        return new Deployment(id, row.getLong("project_id"), repository, row.getLong("environment_id"), row.getString("environment"),
                row.getString("ref"), row.getString("sha"), row.getObject("requested_by", Long.class), row.getString("requested_by_name"), conversation,
                DeploymentStatus.of(row.getString("status")), row.getBoolean("in_flight"), instant(row, "pending_at"), instant(row, "queued_at"),
                instant(row, "building_at"), instant(row, "finished_at"), row.getString("environment_url"), row.getString("logs_url"),
                row.getString("provider_id"), row.getString("provider_job_id"), row.getString("note"), row.getString("failure_log"), row.getString("failure_hint"),
                row.getString("override_reason"), row.getObject("rollback_of", Long.class), commits(id), row.getBoolean("commits_listed"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A deploy waiting for its requester's button. */
    record Confirmation(long id, String token, long projectId, long environmentId, String ref, String sha, List<DeployClient.Commit> commits,
                        long requestedBy, String requestedByName, Conversation conversation, String overrideReason, Long rollbackOf, Instant expiresAt) {
    }

    void confirmation(String token, long projectId, long environmentId, String ref, String sha, List<DeployClient.Commit> commits, long requestedBy,
                      String requestedByName, Conversation conversation, String overrideReason, Long rollbackOf, Instant expiresAt) {
        jdbc.sql("""
                        insert into deployment_confirmations (token, project_id, environment_id, ref, sha, commits, requested_by, requested_by_name,
                                                              platform, channel_id, override_reason, rollback_of, expires_at)
                        values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)""")
                .params(token, projectId, environmentId, ref, sha, json.writeValueAsString(commits), requestedBy, requestedByName,
                        conversation.platform().id(), conversation.channelId(), overrideReason, rollbackOf, Timestamp.from(expiresAt))
                .update();
    }

    /** A confirmation not pressed yet, expired or not. */
    Optional<Confirmation> confirmation(String token) {
        return jdbc.sql("""
                        select id, token, project_id, environment_id, ref, sha, commits::text as commits, requested_by, requested_by_name, platform,
                               channel_id, override_reason, rollback_of, expires_at
                        from deployment_confirmations where token = ? and used_at is null""")
                .param(token)
                .query((row, n) -> new Confirmation(row.getLong("id"), row.getString("token"), row.getLong("project_id"), row.getLong("environment_id"),
                        row.getString("ref"), row.getString("sha"), json.readValue(row.getString("commits"), new TypeReference<List<DeployClient.Commit>>() {
                        }), row.getLong("requested_by"), row.getString("requested_by_name"),
                        new Conversation(Platform.valueOf(row.getString("platform").toUpperCase(Locale.ROOT)), row.getString("channel_id")),
                        row.getString("override_reason"), row.getObject("rollback_of", Long.class), instant(row, "expires_at")))
                .optional();
    }

    /** @return false when it was pressed already (a double click) */
    boolean use(long confirmationId) {
        return jdbc.sql("update deployment_confirmations set used_at = now() where id = ? and used_at is null").param(confirmationId).update() == 1;
    }
}
