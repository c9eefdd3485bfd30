package com.ticolops.integrations.git;

import java.time.Instant;

/**
 * A CI pipeline (GitLab) or workflow run (GitHub Actions) or check suite (another GitHub CI app) finished. Runs still
 * queued or running, and runs that were skipped, produce no event.
 *
 * @param status     the provider's word for how it ended, e.g. {@code failure}, {@code timed_out}, {@code failed}
 * @param startedAt  when it started, or null when the payload does not say
 * @param finishedAt when it finished, or null when the payload does not say
 */
public record PipelineFinished(GitProvider provider, String deliveryId, String repository, String name, String branch,
                               String sha, String status, Outcome outcome, String url, String actor, Instant startedAt,
                               Instant finishedAt) implements RepositoryActivity {
}
