package com.ticolops.bot.deployment;

import com.ticolops.bot.notification.NotificationKind;
import com.ticolops.bot.notification.NotificationRequested;
import com.ticolops.bot.repo.GitHosts;
import com.ticolops.bot.repo.RepoException;
import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.git.CiJobChanged;
import com.ticolops.integrations.git.CiRunChanged;
import com.ticolops.integrations.git.DeployClient;
import com.ticolops.integrations.git.DeploymentStatusChanged;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.RepositoryActivity.Outcome;
import com.ticolops.integrations.net.OutboundCalls;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves deployments along: calls the executor once a deployment is recorded, and follows the provider's webhooks.
 *
 * <p>The listeners run after the publishing transaction commits, on their own thread and outside any transaction
 * ({@code @Async @TransactionalEventListener} rather than {@code @ApplicationModuleListener}, which would open one):
 * they call GitHub, GitLab or a deploy hook, and write each change in a short transaction of their own. The event
 * publication registry still records them, so one a crash interrupted is delivered again; each is idempotent.
 *
 * <p>Webhooks are tied to our deployment exactly: by the provider's id for it (GitHub deployment id, workflow run id,
 * GitLab pipeline id); a workflow run started by {@code workflow_dispatch}, which gives no id back, by its title, which
 * the workflow's {@code run-name} makes name our deployment ({@code ticolops #<id>}); a GitLab pipeline also by its
 * {@code TICOLOPS_DEPLOYMENT} variable. A status only ever moves a deployment forward, so a redelivered or late webhook
 * changes nothing.
 */
@Component
class DeploymentProgress {

    private static final Logger log = LoggerFactory.getLogger(DeploymentProgress.class);
    /** What a workflow's {@code run-name: ticolops #${{ inputs.ticolops_deployment }}} puts in the run's title. */
    static final Pattern NAMED_IN_TITLE = Pattern.compile("(?i)\\bticolops #([0-9]{1,18})\\b");
    static final String DEPLOYMENT_VARIABLE = "TICOLOPS_DEPLOYMENT";
    private static final Pattern ACTIONS_RUN = Pattern.compile("/actions/runs/([0-9]{1,18})(?:[/?#]|$)");

    private final DeploymentRecords records;
    private final Environments environments;
    private final Repositories repositories;
    private final GitHosts hosts;
    private final DeployClients clients;
    private final DeploymentAnnouncements announcements;
    private final TroubleshootingHints hints;
    private final ShippedCommits shipped;
    private final DeploymentProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();

    DeploymentProgress(DeploymentRecords records, Environments environments, Repositories repositories, GitHosts hosts, DeployClients clients,
                       DeploymentAnnouncements announcements, TroubleshootingHints hints, ShippedCommits shipped, DeploymentProperties properties,
                       ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.records = records;
        this.environments = environments;
        this.repositories = repositories;
        this.hosts = hosts;
        this.clients = clients;
        this.announcements = announcements;
        this.hints = hints;
        this.shipped = shipped;
        this.properties = properties;
        this.events = events;
        this.transaction = transaction;
    }

    @Async(OutboundCalls.EXECUTOR)
    @TransactionalEventListener
    void on(DeploymentStarted started) {
        execute(started.deploymentId());
    }

    @Async(OutboundCalls.EXECUTOR)
    @TransactionalEventListener
    void on(DeploymentStatusChanged status) {
        follow(status);
    }

    /** What {@link #on(DeploymentStatusChanged)} does, on the caller's thread. */
    void follow(DeploymentStatusChanged status) {
        Optional<DeploymentStatus> next = statusOf(status.state(), status.outcome());
        if (next.isEmpty()) {
            return;
        }
        repositories.find(status.provider(), status.repository()).ifPresent(repository -> deploymentOf(repository, status)
                .ifPresent(deployment -> {
                    boolean succeeded = next.get() == DeploymentStatus.SUCCESS;
                    move(deployment, next.get(), succeeded ? environmentUrl(deployment, status.url()) : null, succeeded ? null : status.url(),
                            succeeded ? null : runOf(status.url()));
                }));
    }

    @Async(OutboundCalls.EXECUTOR)
    @TransactionalEventListener
    void on(CiRunChanged run) {
        Optional<DeploymentStatus> next = statusOf(run.status(), run.outcome());
        if (next.isEmpty()) {
            return;
        }
        repositories.find(run.provider(), run.repository()).ifPresent(repository -> records.byProviderId(repository.id(), String.valueOf(run.runId()))
                .or(() -> namedBy(repository, run))
                .ifPresent(deployment -> move(deployment, next.get(),
                        next.get() == DeploymentStatus.SUCCESS ? environmentUrl(deployment, null) : null, run.url(), run.runId())));
    }

    /**
     * A GitLab job changed: the job that deploys a deployment made through a manual job (the job named in the
     * environment) or through a pipeline (its job with that environment) moves it, and is remembered, as GitLab's
     * deployment events name it.
     */
    @Async(OutboundCalls.EXECUTOR)
    @TransactionalEventListener
    void on(CiJobChanged job) {
        Optional<DeploymentStatus> next = statusOf(job.status(), job.outcome());
        if (next.isEmpty()) {
            return;
        }
        repositories.find(job.provider(), job.repository()).ifPresent(repository -> records.byProviderId(repository.id(), String.valueOf(job.pipelineId()))
                .filter(deployment -> environments.find(deployment.environmentId()).filter(environment -> deploys(environment, job)).isPresent())
                .ifPresent(deployment -> {
                    transaction.executeWithoutResult(status -> records.job(deployment.id(), String.valueOf(job.jobId())));
                    move(deployment, next.get(), next.get() == DeploymentStatus.SUCCESS ? environmentUrl(deployment, null) : null, job.url(),
                            job.pipelineId());
                }));
    }

    private static boolean deploys(Environment environment, CiJobChanged job) {
        return switch (environment.executor()) {
            case GITLAB_JOB -> environment.target().equals(job.name());
            case GITLAB_PIPELINE -> environment.name().equalsIgnoreCase(job.environment());
            default -> false;
        };
    }

    /** Hands the deployment to its executor; a deployment no longer pending (a redelivered event) is left alone. */
    void execute(long deploymentId) {
        Optional<Deployment> found = records.find(deploymentId).filter(d -> d.status() == DeploymentStatus.PENDING && d.inFlight());
        if (found.isEmpty()) {
            return;
        }
        Deployment deployment = found.get();
        Environment environment = environments.find(deployment.environmentId()).orElseThrow();
        String repository = deployment.repository().fullName();
        // GitHub's Deployments API takes a sha as its ref: the commit resolved (and confirmed, or rolled back to) is the one
        // deployed, even if the branch moved since. A dispatch and a pipeline need a branch or tag, and get the sha beside it.
        String ref = environment.executor() == Executor.GITHUB_DEPLOYMENTS ? deployment.sha() : deployment.ref();
        DeployClient.DeployRequest request = new DeployClient.DeployRequest(deployment.id(), ref, deployment.sha(), environment.name(),
                deployment.requestedByName());
        DeployClient.Started started;
        String note = null;
        try {
            if (!deployment.commitsListed()) {
                List<DeployClient.Commit> commits = shipped.of(clients.of(deployment.repository().provider(), repository), access(deployment),
                        environment, deployment.sha());
                transaction.executeWithoutResult(status -> records.shipped(deployment.id(), commits));
            }
            if (environment.executor() == Executor.HOOK) {
                GitHostAccess target = hosts.hookTarget(environments.hookUrl(environment.id()));
                clients.hooks(repository).trigger(target, request);
                started = new DeployClient.Started(null, null);
                note = "Triggered the deploy hook on " + environment.hookHost() + "; its status shows here if the platform reports it to "
                        + (deployment.repository().provider() == GitProvider.GITHUB ? "GitHub" : "GitLab") + ".";
            } else {
                DeployClient client = clients.of(deployment.repository().provider(), repository);
                GitHostAccess access = access(deployment);
                started = switch (environment.executor()) {
                    case GITHUB_DEPLOYMENTS -> client.createDeployment(access, repository, request);
                    case GITHUB_WORKFLOW -> client.dispatchWorkflow(access, repository, environment.target(), request);
                    case GITLAB_PIPELINE -> client.createPipeline(access, repository, request);
                    case GITLAB_JOB -> client.playManualJob(access, repository, environment.target(), request);
                    case HOOK -> throw new IllegalStateException("hooks are triggered above");
                };
                if (environment.executor() == Executor.GITHUB_WORKFLOW && started.providerId() == null) {
                    note = "Dispatched " + environment.target() + "; its run is followed by its title, which must contain \"ticolops #"
                            + deployment.id() + "\" (run-name).";
                }
            }
        } catch (GitHostException e) {
            fail(deployment, environment.executorLabel() + " refused it: " + e.getMessage());
            return;
        } catch (DeploymentException e) {
            fail(deployment, DeploymentReplies.text(e));
            return;
        } catch (RepoException e) {
            fail(deployment, "The deploy hook's address is refused now (" + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + "): set it again with env add.");
            return;
        } catch (UnsupportedOperationException e) {
            fail(deployment, e.getMessage());
            return;
        }
        String startedNote = note;
        transaction.executeWithoutResult(status -> {
            if (records.started(deployment.id(), started.providerId(), started.url(), startedNote, clock.instant())) {
                announcements.publish(records.find(deployment.id()).orElseThrow());
            }
        });
    }

    /**
     * Stops what the deployment's executor started, where the provider can: a workflow run or a pipeline is cancelled, a
     * GitHub deployment gets an error status. Nothing was started yet, or a deploy hook was called: nothing to stop.
     * An outbound call: never inside a transaction.
     *
     * @throws GitHostException when the provider will not (the run ended meanwhile): the deployment is left to its status
     */
    void stop(Deployment deployment, Environment environment, String cancelledBy) {
        if (!deployment.inFlight() || deployment.providerId() == null || environment.executor() == Executor.HOOK) {
            return;
        }
        DeployClient client = clients.of(deployment.repository().provider(), deployment.repository().fullName());
        long id = Long.parseLong(deployment.providerId());
        if (environment.executor() == Executor.GITHUB_DEPLOYMENTS) {
            client.markDeploymentCancelled(access(deployment), deployment.repository().fullName(), id, cancelledBy);
        } else {
            client.cancelRun(access(deployment), deployment.repository().fullName(), id);
        }
    }

    /**
     * Records the deployment cancelled, in the caller's transaction, and hands its environment to the next one waiting.
     *
     * @return false when it had ended meanwhile
     */
    boolean cancelled(long deploymentId, String note) {
        if (!records.advance(deploymentId, DeploymentStatus.CANCELLED, clock.instant(), null, null, note)) {
            return false;
        }
        finished(deploymentId, DeploymentStatus.CANCELLED);
        return true;
    }

    private GitHostAccess access(Deployment deployment) {
        return hosts.api(deployment.repository()).map(GitHosts.Api::access).orElseThrow(() -> new DeploymentException(
                DeploymentException.Reason.NO_API_ACCESS, deployment.repository().fullName(), deployment.repository().provider().id()));
    }

    /**
     * Moves the deployment forward, with the failing job's last log lines and a hint when it failed; the log is fetched
     * before the transaction that records the move, so no connection waits on the provider.
     */
    private void move(Deployment deployment, DeploymentStatus next, String environmentUrl, String logsUrl, Long runId) {
        if (!deployment.status().precedes(next)) {
            return;
        }
        List<String> tail = next == DeploymentStatus.FAILED && runId != null ? logTail(deployment, runId) : List.of();
        transaction.executeWithoutResult(status -> {
            if (!records.advance(deployment.id(), next, clock.instant(), environmentUrl, logsUrl, null)) {
                return;
            }
            if (!tail.isEmpty()) {
                List<String> masked = tail.stream().map(SecretMasking::mask).toList();
                records.failure(deployment.id(), String.join("\n", masked),
                        hints.hintFor(masked).map(hint -> hint.cause() + " " + hint.advice()).orElse(null));
            }
            finished(deployment.id(), next);
        });
    }

    private void fail(Deployment deployment, String note) {
        log.info("Deployment #{} of {} to {} failed to start: {}", deployment.id(), deployment.repository().fullName(), deployment.environment(), note);
        transaction.executeWithoutResult(status -> {
            if (records.advance(deployment.id(), DeploymentStatus.FAILED, clock.instant(), null, null, note)) {
                finished(deployment.id(), DeploymentStatus.FAILED);
            }
        });
    }

    /** Announces the change and, when the deployment ended, hands the environment to the next one waiting. */
    private void finished(long deploymentId, DeploymentStatus status) {
        Deployment moved = records.find(deploymentId).orElseThrow();
        announcements.publish(moved);
        announcements.previewInPullRequest(moved);
        if (status.finished()) {
            tellTheRequester(moved);
            records.promoteNext(moved.environmentId()).ifPresent(next -> {
                announcements.publish(records.find(next).orElseThrow());
                events.publishEvent(new DeploymentStarted(next));
            });
        }
    }

    /** The person who asked hears how it ended wherever they chose ({@code notify}); an automatic deploy has nobody to tell. */
    private void tellTheRequester(Deployment deployment) {
        if (deployment.requestedBy() == null) {
            return;
        }
        String outcome = switch (deployment.status()) {
            case SUCCESS -> "succeeded";
            case FAILED -> "failed";
            default -> "was cancelled";
        };
        String subject = "Your deployment of " + deployment.repository().fullName() + " " + deployment.shortSha() + " to "
                + deployment.environment() + " " + outcome;
        String text = deployment.status() == DeploymentStatus.FAILED
                ? Optional.ofNullable(deployment.failureHint()).or(() -> Optional.ofNullable(deployment.note())).orElse("")
                : "";
        String link = deployment.status() == DeploymentStatus.SUCCESS && deployment.environmentUrl() != null ? deployment.environmentUrl() : deployment.logsUrl();
        events.publishEvent(new NotificationRequested(deployment.requestedBy(), NotificationKind.MY_DEPLOYMENTS, subject, text, link,
                "deployment:" + deployment.id() + ":" + deployment.status().id(), deployment.projectId()));
    }

    private List<String> logTail(Deployment deployment, long runId) {
        Optional<DeployClient> client = clients.find(deployment.repository().provider());
        Optional<GitHostAccess> access = hosts.api(deployment.repository()).map(GitHosts.Api::access);
        if (client.isEmpty() || access.isEmpty()) {
            return List.of();
        }
        try {
            return client.get().failedJobLogTail(access.get(), deployment.repository().fullName(), runId, properties.logLines());
        } catch (GitHostException | UnsupportedOperationException e) {
            log.warn("Could not fetch the log of run {} of {}: {}", runId, deployment.repository().fullName(), e.getMessage());
            return List.of();
        }
    }

    /**
     * A run not tied to a deployment yet that names one of ours: by its title (a dispatched workflow) or its variable (a
     * GitLab pipeline). From then on its id is the deployment's.
     */
    private Optional<Deployment> namedBy(Repositories.Ref repository, CiRunChanged run) {
        Matcher title = NAMED_IN_TITLE.matcher(run.title() == null ? "" : run.title());
        String named = title.find() ? title.group(1) : run.variables().get(DEPLOYMENT_VARIABLE);
        if (named == null || !named.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return records.find(Long.parseLong(named))
                .filter(d -> d.repository().id() == repository.id() && d.inFlight())
                .filter(d -> environments.find(d.environmentId()).map(Environment::executor)
                        .filter(e -> e == Executor.GITHUB_WORKFLOW || e == Executor.GITLAB_PIPELINE || e == Executor.GITLAB_JOB).isPresent())
                // Two events of one run (in progress, completed) may race here: whichever adopts, both then find it by the run's id.
                .flatMap(d -> {
                    records.adopt(d.id(), String.valueOf(run.runId()));
                    return records.byProviderId(repository.id(), String.valueOf(run.runId()));
                });
    }

    /**
     * Ours that a deployment status is about. GitHub's by the deployment's id (or a deploy hook's platform's deployment);
     * GitLab's by the job that deploys, or else, while no job of it is known (job events do not reach us), the
     * deployment to that environment of that very commit through one of its pipelines, which then takes the job's id.
     */
    private Optional<Deployment> deploymentOf(Repositories.Ref repository, DeploymentStatusChanged status) {
        if (status.provider() == GitProvider.GITLAB) {
            if (status.jobId() == null) {
                return Optional.empty();
            }
            return records.byJobId(repository.id(), status.jobId()).or(() -> gitLabPipelineDeployment(repository, status));
        }
        if (status.providerDeploymentId() == null) {
            return Optional.empty();
        }
        return records.byProviderId(repository.id(), status.providerDeploymentId())
                .or(() -> hookDeployment(repository, status))
                .or(() -> notRecordedYet(repository, status));
    }

    private Optional<Deployment> gitLabPipelineDeployment(Repositories.Ref repository, DeploymentStatusChanged status) {
        if (status.environment() == null || status.sha() == null) {
            return Optional.empty();
        }
        return environments.named(repository, status.environment())
                .filter(e -> e.executor() == Executor.GITLAB_PIPELINE || e.executor() == Executor.GITLAB_JOB)
                .flatMap(e -> records.inFlight(e.id()))
                // Once a job is known, only that job's events are about this deployment.
                .filter(d -> d.providerId() != null && d.providerJobId() == null
                        && d.sha().toLowerCase(Locale.ROOT).startsWith(status.sha().toLowerCase(Locale.ROOT)))
                .map(d -> {
                    transaction.executeWithoutResult(tx -> records.job(d.id(), status.jobId()));
                    return d;
                });
    }

    /**
     * GitHub may report a deployment before the transaction recording the id it gave us has committed. While one of the
     * repository's deployments is still waiting for that id, the status cannot be told apart from one about a deployment
     * made elsewhere: failing here leaves the event to the publication registry, which delivers it again shortly.
     */
    private Optional<Deployment> notRecordedYet(Repositories.Ref repository, DeploymentStatusChanged status) {
        if (records.awaitingProviderId(repository.id())) {
            throw new IllegalStateException("A deployment of " + repository.fullName() + " is waiting for GitHub's id; the status of deployment "
                    + status.providerDeploymentId() + " is delivered again later");
        }
        return Optional.empty();
    }

    /**
     * A deploy hook's platform (Vercel, Netlify, Render) reports to GitHub under a deployment of its own making: the
     * hook deployment in flight to that environment for that very commit takes its id, once.
     */
    private Optional<Deployment> hookDeployment(Repositories.Ref repository, DeploymentStatusChanged status) {
        if (status.environment() == null || status.sha() == null) {
            return Optional.empty();
        }
        return environments.named(repository, status.environment()).filter(e -> e.executor() == Executor.HOOK)
                .flatMap(e -> records.inFlight(e.id()))
                .filter(d -> d.sha().equalsIgnoreCase(status.sha()))
                .flatMap(d -> {
                    records.adopt(d.id(), status.providerDeploymentId());
                    return records.byProviderId(repository.id(), status.providerDeploymentId());
                });
    }

    /**
     * The workflow run a GitHub deployment status links to ({@code .../actions/runs/<id>}, what Actions puts in a status's
     * log URL), so a deployment made through the Deployments API shows its failing job's log too.
     */
    private static Long runOf(String url) {
        Matcher run = url == null ? null : ACTIONS_RUN.matcher(url);
        return run != null && run.find() ? Long.valueOf(run.group(1)) : null;
    }

    private String environmentUrl(Deployment deployment, String reported) {
        return reported != null ? reported : environments.find(deployment.environmentId()).map(Environment::url).orElse(null);
    }

    /**
     * The provider's word as our status: GitHub's deployment states and workflow run statuses, GitLab's deployment and
     * pipeline statuses. Empty for words that say nothing about progress (GitHub's {@code inactive}: a newer
     * deployment replaced this one).
     */
    static Optional<DeploymentStatus> statusOf(String word, Outcome outcome) {
        if (outcome != null) {
            return Optional.of(switch (outcome) {
                case SUCCESS -> DeploymentStatus.SUCCESS;
                case FAILURE -> DeploymentStatus.FAILED;
                case CANCELLED -> DeploymentStatus.CANCELLED;
            });
        }
        return Optional.ofNullable(switch (word == null ? "" : word.toLowerCase(Locale.ROOT)) {
            case "requested", "queued", "pending", "waiting", "created", "waiting_for_resource", "preparing", "scheduled", "manual", "blocked" ->
                    DeploymentStatus.QUEUED;
            case "in_progress", "running" -> DeploymentStatus.BUILDING;
            case "success" -> DeploymentStatus.SUCCESS;
            case "failure", "failed", "error" -> DeploymentStatus.FAILED;
            case "canceled", "cancelled", "skipped" -> DeploymentStatus.CANCELLED;
            default -> null;
        });
    }
}
