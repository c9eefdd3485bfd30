package com.ticolops.bot.repo;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitHubHookDeliveries;
import com.ticolops.integrations.git.GitLabBackfill;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookDeliveries;
import com.ticolops.scheduler.FrequentTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every 10 minutes, for the webhooks Ticolops registered: asks GitHub for the hook's recent deliveries and has it
 * deliver again those we never stored; rebuilds from GitLab's API the merge requests and pipelines its webhook missed.
 */
@Component
class MissedDeliveries extends FrequentTask {

    private static final Logger log = LoggerFactory.getLogger(MissedDeliveries.class);
    /** GitHub redelivers only deliveries from the past 3 days; a little less leaves room for clock skew. */
    private static final Duration GITHUB_REDELIVERY_LIMIT = Duration.ofDays(3).minusHours(1);
    /** A GitLab event this recent may still be on its way as a real delivery: it is left for the next run. */
    static final Duration GRACE = Duration.ofMinutes(2);
    /** Each GitLab window starts a little before the last one ended: GitLab's clock and ours may differ. */
    private static final Duration OVERLAP = Duration.ofMinutes(10);

    private final Repositories repositories;
    private final GitHosts hosts;
    private final GitHubHookDeliveries gitHub;
    private final GitLabBackfill gitLab;
    private final WebhookDeliveries deliveries;
    private final WebhookHealth health;
    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    MissedDeliveries(Repositories repositories, GitHosts hosts, GitHubHookDeliveries gitHub, GitLabBackfill gitLab, WebhookDeliveries deliveries,
                     WebhookHealth health, JdbcClient jdbc) {
        super("recover-missed-webhook-deliveries", "0 0/10 * * * ?");
        this.repositories = repositories;
        this.hosts = hosts;
        this.gitHub = gitHub;
        this.gitLab = gitLab;
        this.deliveries = deliveries;
        this.health = health;
        this.jdbc = jdbc;
    }

    @Override
    public void run() {
        for (Repositories.Hooked repository : repositories.withHooks()) {
            try {
                Optional<GitHostAccess> access = hosts.access(repository.projectId(), repository.provider(), hosts.apiUrl(repository),
                        repository.fullName());
                if (access.isEmpty()) {
                    continue;
                }
                if (repository.provider() == GitProvider.GITHUB) {
                    redeliver(repository, access.get());
                } else {
                    backfill(repository, access.get());
                }
            } catch (GitHostException | RepoException e) {
                log.warn("Missed deliveries of {} {} could not be checked: {}", repository.provider().id(), repository.fullName(), e.getMessage());
            }
        }
        health.forgetOlderThan(clock.instant().minus(WebhookHealth.KEPT));
    }

    /**
     * A delivery is asked again when no attempt of it succeeded, we never stored it, and its last attempt failed in a
     * way a retry can fix: no answer, or 5xx / 408 / 429. A 4xx is our own deliberate refusal (bad signature, bad
     * payload): sending it again would be refused again.
     */
    private void redeliver(Repositories.Hooked repository, GitHostAccess access) {
        Instant oldest = clock.instant().minus(GITHUB_REDELIVERY_LIMIT);
        Map<String, List<GitHubHookDeliveries.Attempt>> byDelivery = gitHub.recentAttempts(access, repository.fullName(), repository.hookId(), oldest)
                .stream().collect(Collectors.groupingBy(GitHubHookDeliveries.Attempt::guid));
        byDelivery.forEach((guid, attempts) -> {
            GitHubHookDeliveries.Attempt latest = attempts.stream().max(Comparator.comparing(GitHubHookDeliveries.Attempt::id)).orElseThrow();
            boolean retryable = latest.statusCode() == 0 || latest.statusCode() >= 500 || latest.statusCode() == 408 || latest.statusCode() == 429;
            if (attempts.stream().anyMatch(GitHubHookDeliveries.Attempt::succeeded) || !retryable || stored(guid)
                    || latest.deliveredAt() != null && latest.deliveredAt().isBefore(oldest)) {
                return;
            }
            gitHub.redeliver(access, repository.fullName(), repository.hookId(), latest.id());
            log.info("Asked GitHub to deliver {} ({}) of {} again", guid, latest.event(), repository.fullName());
        });
    }

    private boolean stored(String guid) {
        return jdbc.sql("select exists (select 1 from webhook_deliveries where provider = 'github' and delivery_id = ?)")
                .param(guid).query(Boolean.class).single();
    }

    /**
     * The window starts where the last one ended, or at the last event we stored (at the latest when the repository was
     * connected), a little earlier for clock skew; it ends {@link #GRACE} ago. Overlapping windows are harmless: a
     * rebuilt delivery's id is stable, so recording it again is a no-op.
     */
    private void backfill(Repositories.Hooked repository, GitHostAccess access) {
        Instant until = clock.instant().minus(GRACE);
        Instant from = Optional.ofNullable(repository.backfilledUntil())
                .or(() -> repositories.lastDelivery(repository))
                .orElse(repository.connectedAt());
        Instant since = from.minus(OVERLAP);
        for (GitLabBackfill.Backfilled missed : gitLab.missed(access, repository.fullName(), since, until)) {
            if (deliveries.record(missed.delivery(), missed.events())) {
                log.info("Backfilled {} from GitLab's API", missed.delivery().deliveryId());
            }
        }
        repositories.backfilledUntil(repository.id(), until);
    }
}
