package com.ticolops.bot.deployment;

import static com.ticolops.bot.deployment.DeploymentException.Reason.ALREADY_FINISHED;
import static com.ticolops.bot.deployment.DeploymentException.Reason.BUSY;
import static com.ticolops.bot.deployment.DeploymentException.Reason.CANCEL_REFUSED;
import static com.ticolops.bot.deployment.DeploymentException.Reason.CHANNEL_NOT_ALLOWED;
import static com.ticolops.bot.deployment.DeploymentException.Reason.CONFIRMATION_EXPIRED;
import static com.ticolops.bot.deployment.DeploymentException.Reason.FROZEN;
import static com.ticolops.bot.deployment.DeploymentException.Reason.LOCKED;
import static com.ticolops.bot.deployment.DeploymentException.Reason.NOTHING_TO_ROLL_BACK_TO;
import static com.ticolops.bot.deployment.DeploymentException.Reason.NOT_LOCKED;
import static com.ticolops.bot.deployment.DeploymentException.Reason.NOT_YOUR_CONFIRMATION;
import static com.ticolops.bot.deployment.DeploymentException.Reason.NO_API_ACCESS;
import static com.ticolops.bot.deployment.DeploymentException.Reason.NO_SUCH_DEPLOYMENT;
import static com.ticolops.bot.deployment.DeploymentException.Reason.OVERRIDE_NEEDS_REASON;
import static com.ticolops.bot.deployment.DeploymentException.Reason.PROVIDER_FAILED;
import static com.ticolops.bot.deployment.DeploymentException.Reason.ROLE_REQUIRED;
import static com.ticolops.bot.deployment.DeploymentException.Reason.UNKNOWN_CONFIRMATION;
import static com.ticolops.bot.deployment.DeploymentException.Reason.UNKNOWN_DEPLOYMENT;
import static com.ticolops.bot.deployment.DeploymentException.Reason.UNKNOWN_REF;

import com.ticolops.bot.command.Role;
import com.ticolops.bot.repo.GitHosts;
import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.git.DeployClient;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.PushReceived;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deployment use cases: deploy (with its confirmation), roll back, lock and unlock, list, audit, deploy on push.
 * Chat commands call them; the REST API and the settings page will too.
 *
 * <p>Rules are checked first (role, channel, freeze, lock), then the provider is asked for the commit and what it
 * ships, outside any transaction; the deployment is recorded in a short transaction that also publishes its message
 * and {@link DeploymentStarted}, and the executor is called after that commits ({@link DeploymentProgress}). Every
 * refusal and every allowed action is written to the audit trail. Run these methods outside a transaction.
 */
@Service
public class Deployments {

    private static final Logger log = LoggerFactory.getLogger(Deployments.class);
    private static final int LISTED = 10;

    private final EnvironmentSettings settings;
    private final Environments environments;
    private final DeploymentRecords records;
    private final AuditTrail audit;
    private final DeployClients clients;
    private final GitHosts hosts;
    private final Repositories repositories;
    private final DeploymentAnnouncements announcements;
    private final ShippedCommits shipped;
    private final DeploymentProperties properties;
    private final DeploymentProgress progress;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    Deployments(EnvironmentSettings settings, Environments environments, DeploymentRecords records, AuditTrail audit, DeployClients clients,
                GitHosts hosts, Repositories repositories, DeploymentAnnouncements announcements, ShippedCommits shipped,
                DeploymentProperties properties, DeploymentProgress progress, ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.settings = settings;
        this.environments = environments;
        this.records = records;
        this.audit = audit;
        this.clients = clients;
        this.hosts = hosts;
        this.repositories = repositories;
        this.announcements = announcements;
        this.shipped = shipped;
        this.properties = properties;
        this.progress = progress;
        this.events = events;
        this.transaction = transaction;
        this.clock = Clock.systemUTC();
    }

    /** What a deploy came to. */
    public sealed interface Outcome permits Started, Queued, ConfirmationNeeded {
    }

    /** Recorded, holding its environment; its executor is called next. */
    public record Started(Deployment deployment) implements Outcome {
    }

    /** Recorded, waiting for {@code behind} to end: the environment queues. */
    public record Queued(Deployment deployment, Deployment behind) implements Outcome {
    }

    /**
     * Nothing recorded yet: the requester must press the button, which runs {@code deploy confirm <token>}, before
     * {@code expiresAt}.
     */
    public record ConfirmationNeeded(String token, Environment environment, String ref, String sha, List<DeployClient.Commit> commits,
                                     boolean rollback, Instant expiresAt) implements Outcome {
    }

    /**
     * Deploys a ref of a repository to one of its environments.
     *
     * @param ref            a branch, tag or sha; null for the repository's main branch
     * @param environment    null for the repository's default environment
     * @param overrideReason an admin's reason to deploy during a freeze, or null
     * @throws DeploymentException when a rule or the provider refuses; nothing is deployed then
     */
    public Outcome deploy(long projectId, Caller caller, String repository, String ref, String environment, String overrideReason) {
        Repositories.Ref repo = settings.repository(projectId, repository);
        // `deploy shop production`: a second word that names an environment (and no third) is the environment.
        if (ref != null && environment == null && environments.named(repo, ref).isPresent()) {
            environment = ref;
            ref = null;
        }
        Environment target = settings.environment(repo, environment);
        String action = "deploy";
        checkRules(projectId, target, caller, overrideReason, action);
        String wanted = ref != null ? ref : repositories.defaultBranch(repo.id()).orElse("main");
        Provider provider = provider(projectId, caller, target, action);
        String sha;
        try {
            sha = provider.client().resolveCommit(provider.access(), repo.fullName(), wanted);
        } catch (GitHostException e) {
            throw refused(projectId, caller, target, action, e.reason() == GitHostException.Reason.NOT_FOUND
                    ? new DeploymentException(UNKNOWN_REF, repo.fullName(), wanted)
                    : new DeploymentException(PROVIDER_FAILED, repo.fullName(), e.getMessage()));
        }
        // The question a confirmation asks names the commits; without one they are listed after the answer, which then
        // waits for one call to the provider rather than two.
        List<DeployClient.Commit> commits = target.rules().confirmationRequired() ? shipped(provider, target, sha) : null;
        return requestOrConfirm(projectId, caller, target, wanted, sha, commits, overrideReason, null);
    }

    /**
     * Redeploys the environment's last successful commit before its latest deployment (or the one named), through the
     * same executor, recorded as a rollback of that latest deployment.
     *
     * @param environment null for the repository's default environment
     * @param toId        the deployment to go back to, or null for the last successful one
     */
    public Outcome rollback(long projectId, Caller caller, String repository, String environment, Long toId, String overrideReason) {
        Repositories.Ref repo = settings.repository(projectId, repository);
        Environment target = settings.environment(repo, environment);
        String action = "rollback";
        checkRules(projectId, target, caller, overrideReason, action);
        Deployment latest = records.latest(target.id())
                .orElseThrow(() -> refused(projectId, caller, target, action, new DeploymentException(NOTHING_TO_ROLL_BACK_TO, repo.fullName(), target.name())));
        Deployment to = toId == null
                ? records.lastSuccess(target.id(), latest.id()).orElseThrow(() -> refused(projectId, caller, target, action,
                        new DeploymentException(NOTHING_TO_ROLL_BACK_TO, repo.fullName(), target.name())))
                : records.inProject(projectId, toId).filter(d -> d.environmentId() == target.id() && d.status() == DeploymentStatus.SUCCESS)
                        .orElseThrow(() -> refused(projectId, caller, target, action,
                                new DeploymentException(UNKNOWN_DEPLOYMENT, repo.fullName() + " " + target.name(), "#" + toId)));
        provider(projectId, caller, target, action);
        return requestOrConfirm(projectId, caller, target, to.ref(), to.sha(), List.of(), overrideReason, latest.id());
    }

    /**
     * The requester pressed the confirmation button: the rules are checked again (a lock or a freeze may have come
     * since) and the deploy goes ahead.
     */
    public Outcome confirm(long projectId, Caller caller, String token) {
        DeploymentRecords.Confirmation confirmation = records.confirmation(token).filter(c -> c.projectId() == projectId)
                .orElseThrow(() -> new DeploymentException(UNKNOWN_CONFIRMATION, null, token));
        Environment target = environments.find(confirmation.environmentId())
                .orElseThrow(() -> new DeploymentException(UNKNOWN_CONFIRMATION, null, token));
        String action = confirmation.rollbackOf() == null ? "deploy" : "rollback";
        if (confirmation.requestedBy() != caller.userId()) {
            throw refused(projectId, caller, target, action, new DeploymentException(NOT_YOUR_CONFIRMATION, target.repository().fullName(), target.name(),
                    List.of(), confirmation.requestedByName(), null, null));
        }
        if (!clock.instant().isBefore(confirmation.expiresAt())) {
            throw refused(projectId, caller, target, action, new DeploymentException(CONFIRMATION_EXPIRED, target.repository().fullName(), target.name(),
                    List.of(), null, confirmation.expiresAt(), null));
        }
        checkRules(projectId, target, caller, confirmation.overrideReason(), action);
        return start(projectId, caller, target, confirmation.ref(), confirmation.sha(), confirmation.commits(), confirmation.overrideReason(),
                confirmation.rollbackOf(), null, confirmation.id());
    }

    /** Locks an environment: no deploy until {@link #unlock}. */
    public EnvironmentLock lock(long projectId, Caller caller, String repository, String environment, String reason) {
        Environment target = settings.environment(settings.repository(projectId, repository), environment);
        return transaction.execute(status -> {
            Optional<EnvironmentLock> held = environments.lock(target.id());
            if (held.isPresent() || !environments.lock(target.id(), caller.userId(), caller.name(), reason)) {
                EnvironmentLock lock = held.orElseGet(() -> environments.lock(target.id()).orElseThrow());
                throw new DeploymentException(LOCKED, target.repository().fullName(), target.name(), List.of(), lock.holder(), lock.since(), lock.reason());
            }
            audit.record(projectId, caller.name(), "lock", target.repository().fullName(), target.name(), true, reason, caller.conversation());
            return environments.lock(target.id()).orElseThrow();
        });
    }

    /** @return the lock that was lifted */
    public EnvironmentLock unlock(long projectId, Caller caller, String repository, String environment) {
        Environment target = settings.environment(settings.repository(projectId, repository), environment);
        return transaction.execute(status -> {
            EnvironmentLock lock = environments.lock(target.id())
                    .orElseThrow(() -> new DeploymentException(NOT_LOCKED, target.repository().fullName(), target.name()));
            environments.unlock(target.id());
            audit.record(projectId, caller.name(), "unlock", target.repository().fullName(), target.name(), true,
                    "was locked by " + lock.holder() + (lock.reason() == null ? "" : ": " + lock.reason()), caller.conversation());
            return lock;
        });
    }

    /**
     * Cancels a deployment that has not ended: its run or pipeline is stopped where the provider can, then it is
     * recorded cancelled and the environment goes to the next one waiting. Whoever asked for it may cancel it; anyone
     * else needs the role that deploys to its environment.
     *
     * @return the deployment as it is now: cancelled, or as it ended if it ended meanwhile
     * @throws DeploymentException when it is unknown, has ended, the caller may not, or the provider would not stop it
     */
    public Deployment cancel(long projectId, Caller caller, long deploymentId, String reason) {
        Deployment deployment = records.find(deploymentId).filter(d -> d.projectId() == projectId)
                .orElseThrow(() -> new DeploymentException(NO_SUCH_DEPLOYMENT, null, "#" + deploymentId));
        Environment target = environments.find(deployment.environmentId()).orElseThrow();
        String repository = target.repository().fullName();
        if (deployment.status().finished()) {
            throw new DeploymentException(ALREADY_FINISHED, repository, target.name(), List.of(), String.valueOf(deploymentId), deployment.finishedAt(),
                    deployment.status().id());
        }
        boolean theirs = deployment.requestedBy() != null && deployment.requestedBy() == caller.userId();
        if (!theirs && !caller.role().includes(target.rules().requiredRole())) {
            throw refused(projectId, caller, target, "cancel", new DeploymentException(ROLE_REQUIRED, repository, target.name(), List.of(),
                    target.rules().requiredRole().id(), null, caller.role().id()));
        }
        try {
            progress.stop(deployment, target, caller.name());
        } catch (GitHostException e) {
            throw refused(projectId, caller, target, "cancel", new DeploymentException(CANCEL_REFUSED, repository, target.name(), List.of(),
                    String.valueOf(deploymentId), null, e.getMessage()));
        }
        String note = "Cancelled by " + caller.name() + (reason == null || reason.isBlank() ? "." : ": " + reason);
        transaction.executeWithoutResult(status -> {
            if (progress.cancelled(deploymentId, note)) {
                audit.record(projectId, caller.name(), "cancel", repository, target.name(), true, "#" + deploymentId + (reason == null ? "" : ": " + reason),
                        caller.conversation());
            }
        });
        return records.find(deploymentId).orElseThrow();
    }

    /** The latest deployments, newest first; {@code repository} and {@code environment} narrow when given. */
    public List<Deployment> recent(long projectId, String repository, String environment) {
        if (repository == null) {
            return records.recent(projectId, null, null, LISTED);
        }
        Repositories.Ref repo = settings.repository(projectId, repository);
        Long environmentId = environment == null ? null : settings.environment(repo, environment).id();
        return records.recent(projectId, repo.id(), environmentId, LISTED);
    }

    public List<AuditEntry> audit(long projectId, int count) {
        return audit.latest(projectId, count);
    }

    /**
     * A push to a branch that deploys on push: once per delivery and environment, however often the delivery comes
     * again. Freezes and locks apply; there is nobody to confirm or to override.
     */
    void onPush(PushReceived push) {
        if (push.deleted() || push.isTag()) {
            return;
        }
        Optional<Repositories.Ref> found = repositories.find(push.provider(), push.repository());
        if (found.isEmpty()) {
            return;
        }
        for (Environment target : environments.autodeployed(found.get(), push.branch())) {
            Caller pusher = new Caller(0, "push to " + push.branch(), null, null);
            try {
                checkRules(found.get().projectId(), target, pusher, null, "autodeploy");
                Provider provider = provider(found.get().projectId(), pusher, target, "autodeploy");
                String sha = push.commits().isEmpty()
                        ? provider.client().resolveCommit(provider.access(), found.get().fullName(), push.branch())
                        : push.commits().get(push.commits().size() - 1).sha();
                start(found.get().projectId(), pusher, target, push.branch(), sha, shipped(provider, target, sha), null, null,
                        push.deliveryId() + ":" + target.id(), null);
            } catch (DeploymentException e) {
                log.info("The push {} to {} of {} was not deployed to {}: {}", push.deliveryId(), push.branch(), push.repository(), target.name(),
                        e.getMessage());
            } catch (GitHostException e) {
                log.warn("The push {} to {} of {} was not deployed to {}: {}", push.deliveryId(), push.branch(), push.repository(), target.name(),
                        e.getMessage());
                audit.record(found.get().projectId(), pusher.name(), "autodeploy", found.get().fullName(), target.name(), false, e.getMessage(), null);
            }
        }
    }

    private Outcome requestOrConfirm(long projectId, Caller caller, Environment target, String ref, String sha, List<DeployClient.Commit> commits,
                                     String overrideReason, Long rollbackOf) {
        if (!target.rules().confirmationRequired()) {
            return start(projectId, caller, target, ref, sha, commits, overrideReason, rollbackOf, null, null);
        }
        String token = token();
        Instant expiresAt = clock.instant().plus(properties.confirmationTimeout());
        transaction.executeWithoutResult(status -> records.confirmation(token, projectId, target.id(), ref, sha, commits, caller.userId(), caller.name(),
                caller.conversation(), overrideReason, rollbackOf, expiresAt));
        return new ConfirmationNeeded(token, target, ref, sha, commits, rollbackOf != null, expiresAt);
    }

    /**
     * Records the deployment holding its environment, or queued behind the one that does when the environment queues.
     * The partial unique index on in-flight deployments decides between two deploys at the same moment.
     */
    private Outcome start(long projectId, Caller caller, Environment target, String ref, String sha, List<DeployClient.Commit> commits,
                          String overrideReason, Long rollbackOf, String triggerDeliveryId, Long confirmationId) {
        String action = rollbackOf != null ? "rollback" : triggerDeliveryId != null ? "autodeploy" : "deploy";
        DeploymentRecords.New asked = new DeploymentRecords.New(projectId, target, ref, sha, caller.userId() == 0 ? null : caller.userId(), caller.name(),
                caller.conversation(), overrideReason, rollbackOf, triggerDeliveryId, commits);
        String allowedWith = "#ID " + shortSha(sha) + (rollbackOf == null ? "" : ", rollback of #" + rollbackOf);
        try {
            Optional<Deployment> started = transaction.execute(status -> {
                if (confirmationId != null && !records.use(confirmationId)) {
                    throw new DeploymentException(UNKNOWN_CONFIRMATION, target.repository().fullName(), target.name());
                }
                Optional<EnvironmentLock> lock = environments.lock(target.id());
                if (lock.isPresent()) {
                    throw locked(target, lock.get());
                }
                return records.insert(asked, true).map(id -> {
                    Deployment deployment = records.find(id).orElseThrow();
                    audit.record(projectId, caller.name(), action, target.repository().fullName(), target.name(), true,
                            allowedWith.replace("ID", String.valueOf(id)), caller.conversation());
                    announcements.publish(deployment);
                    events.publishEvent(new DeploymentStarted(id));
                    return deployment;
                });
            });
            // Empty: the push delivery made its deployment already.
            return started.<Outcome>map(Started::new).orElse(null);
        } catch (DeploymentRecords.EnvironmentBusy busy) {
            Optional<Deployment> holder = records.inFlight(target.id());
            if (holder.isEmpty() || abandoned(holder.get())) {
                // It ended between our insert and this look, or was given up: the environment is free now.
                return start(projectId, caller, target, ref, sha, commits, overrideReason, rollbackOf, triggerDeliveryId, confirmationId);
            }
            if (target.rules().queueWhenBusy()) {
                return queue(asked, holder.get(), action, confirmationId);
            }
            throw refused(projectId, caller, target, action, new DeploymentException(BUSY, target.repository().fullName(), target.name(), List.of(),
                    holder.get().requestedByName(), holder.get().pendingAt(), "#" + holder.get().id()));
        } catch (DeploymentException e) {
            throw e.reason() == LOCKED ? refused(projectId, caller, target, action, e) : e;
        }
    }

    /**
     * A deployment no status moved for {@code ticolops.deployment.abandoned-after} (a deploy hook whose platform reports
     * nothing, a workflow that never ran) is given up as cancelled, so it does not hold its environment for ever.
     *
     * @return whether it was
     */
    private boolean abandoned(Deployment holder) {
        if (holder.changedAt().plus(properties.abandonedAfter()).isAfter(clock.instant())) {
            return false;
        }
        return Boolean.TRUE.equals(transaction.execute(status -> {
            String note = "No status came for " + DeploymentMessages.duration(properties.abandonedAfter()) + "; given up so the environment is free.";
            if (!records.advance(holder.id(), DeploymentStatus.CANCELLED, clock.instant(), null, null, note)) {
                return false;
            }
            audit.record(holder.projectId(), "Ticolops", "cancel", holder.repository().fullName(), holder.environment(), true,
                    "#" + holder.id() + ": " + note, null);
            announcements.publish(records.find(holder.id()).orElseThrow());
            return true;
        }));
    }

    private Outcome queue(DeploymentRecords.New asked, Deployment behind, String action, Long confirmationId) {
        return transaction.execute(status -> {
            if (confirmationId != null && !records.use(confirmationId)) {
                throw new DeploymentException(UNKNOWN_CONFIRMATION, asked.environment().repository().fullName(), asked.environment().name());
            }
            return records.insert(asked, false).map(id -> {
                Deployment deployment = records.find(id).orElseThrow();
                audit.record(asked.projectId(), asked.requestedByName(), action, asked.environment().repository().fullName(), asked.environment().name(),
                        true, "#" + id + " queued behind #" + behind.id(), asked.conversation());
                announcements.publish(deployment);
                return (Outcome) new Queued(deployment, behind);
            }).orElse(null);
        });
    }

    /**
     * Role, channel, freeze and lock, in that order; the first that refuses is audited and thrown. An admin deploys
     * through a freeze by giving a reason, which is audited as an override. A push has no role or channel to check.
     */
    private void checkRules(long projectId, Environment target, Caller caller, String overrideReason, String action) {
        Rules rules = target.rules();
        String repository = target.repository().fullName();
        boolean person = caller.role() != null;
        if (person && !caller.role().includes(rules.requiredRole())) {
            throw refused(projectId, caller, target, action, new DeploymentException(ROLE_REQUIRED, repository, target.name(), List.of(),
                    rules.requiredRole().id(), null, caller.role().id()));
        }
        if (person && !rules.allowedChannels().isEmpty() && !rules.allowedChannels().contains(caller.conversation().channelId())) {
            throw refused(projectId, caller, target, action, new DeploymentException(CHANNEL_NOT_ALLOWED, repository, target.name(), rules.allowedChannels()));
        }
        Optional<Instant> frozenUntil = rules.freezes().stream().map(freeze -> freeze.frozenUntil(clock.instant(), rules.timeZone()))
                .flatMap(Optional::stream).max(Instant::compareTo);
        if (frozenUntil.isPresent()) {
            if (!person || caller.role() != Role.ADMIN) {
                throw refused(projectId, caller, target, action, new DeploymentException(FROZEN, repository, target.name(), List.of(), null,
                        frozenUntil.get(), rules.timeZone().getId()));
            }
            if (overrideReason == null || overrideReason.isBlank()) {
                throw refused(projectId, caller, target, action, new DeploymentException(OVERRIDE_NEEDS_REASON, repository, target.name(), List.of(),
                        null, frozenUntil.get(), rules.timeZone().getId()));
            }
            transaction.executeWithoutResult(status -> audit.record(projectId, caller.name(), "override", repository, target.name(), true,
                    "freeze until " + frozenUntil.get() + ": " + overrideReason, caller.conversation()));
        }
        Optional<EnvironmentLock> lock = environments.lock(target.id());
        if (lock.isPresent()) {
            throw refused(projectId, caller, target, action, locked(target, lock.get()));
        }
    }

    private static DeploymentException locked(Environment target, EnvironmentLock lock) {
        return new DeploymentException(LOCKED, target.repository().fullName(), target.name(), List.of(), lock.holder(), lock.since(), lock.reason());
    }

    /** The API that resolves commits for the environment's repository, and that runs its executor unless it is a hook. */
    private record Provider(DeployClient client, GitHostAccess access) {
    }

    private Provider provider(long projectId, Caller caller, Environment target, String action) {
        Repositories.Ref repo = target.repository();
        try {
            DeployClient client = clients.of(repo.provider(), repo.fullName());
            if (target.executor() == Executor.HOOK) {
                clients.hooks(repo.fullName());
            }
            GitHostAccess access = hosts.api(repo).map(GitHosts.Api::access)
                    .orElseThrow(() -> new DeploymentException(NO_API_ACCESS, repo.fullName(), repo.provider().id()));
            return new Provider(client, access);
        } catch (DeploymentException e) {
            throw refused(projectId, caller, target, action, e);
        }
    }

    private List<DeployClient.Commit> shipped(Provider provider, Environment target, String sha) {
        return shipped.of(provider.client(), provider.access(), target, sha);
    }

    /** Writes the refusal to the audit trail, in a transaction of its own, and hands the exception back to throw. */
    private DeploymentException refused(long projectId, Caller caller, Environment target, String action, DeploymentException refusal) {
        transaction.executeWithoutResult(status -> audit.record(projectId, caller.name(), action, target.repository().fullName(), target.name(), false,
                DeploymentReplies.auditReason(refusal), caller.conversation()));
        return refusal;
    }

    private String token() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String shortSha(String sha) {
        return sha.substring(0, Math.min(7, sha.length()));
    }
}
