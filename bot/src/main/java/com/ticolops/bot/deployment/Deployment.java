package com.ticolops.bot.deployment;

import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.git.DeployClient;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A deployment of ours, as recorded.
 *
 * @param requestedByName who asked, as shown ("@alice"), or what ("push to main")
 * @param conversation    where it was asked from, or null for automatic ones
 * @param inFlight        it holds its environment (pending, queued at the provider or building)
 * @param providerJobId   the GitLab job that deploys it, once known; GitLab's deployment events name it
 * @param commits         what it ships since the environment's previous successful deployment, oldest first
 * @param commitsListed   false until those are listed (after the answer to a deploy without confirmation)
 */
public record Deployment(long id, long projectId, Repositories.Ref repository, long environmentId, String environment, String ref, String sha,
                         Long requestedBy, String requestedByName, Conversation conversation, DeploymentStatus status, boolean inFlight,
                         Instant pendingAt, Instant queuedAt, Instant buildingAt, Instant finishedAt, String environmentUrl, String logsUrl,
                         String providerId, String providerJobId, String note, String failureLog, String failureHint, String overrideReason, Long rollbackOf,
                         List<DeployClient.Commit> commits, boolean commitsListed) {

    public Deployment {
        commits = List.copyOf(commits);
    }

    public String shortSha() {
        return sha.substring(0, Math.min(7, sha.length()));
    }

    /** Pending behind another deployment of the environment (which queues), not yet handed to its executor. */
    public boolean waiting() {
        return status == DeploymentStatus.PENDING && !inFlight;
    }

    /** When it last changed: the time of its latest step. */
    public Instant changedAt() {
        return Stream.of(pendingAt, queuedAt, buildingAt, finishedAt).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(pendingAt);
    }
}
