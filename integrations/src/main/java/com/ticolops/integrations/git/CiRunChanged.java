package com.ticolops.integrations.git;

import java.time.Instant;
import java.util.Map;

/**
 * A GitHub Actions workflow run or a GitLab pipeline changed state (requested, queued, in progress, completed), so a
 * deployment started through one can follow it. {@link PipelineFinished} stays the announcement of a finished run.
 *
 * @param runId        the workflow run's or pipeline's id
 * @param name         the workflow's or pipeline's name
 * @param title        the run's display title (GitHub's {@code display_title}, which a workflow's {@code run-name} can
 *                     fill from its inputs), or null
 * @param status       the provider's word, e.g. {@code queued}, {@code in_progress}, {@code completed} (GitHub),
 *                     {@code pending}, {@code running}, {@code failed} (GitLab)
 * @param outcome      how it ended, or null while it runs
 * @param variables    the pipeline's variables (GitLab), empty for GitHub
 */
public record CiRunChanged(GitProvider provider, String deliveryId, String repository, long runId, String name, String title,
                           String branch, String sha, String status, Outcome outcome, String url, String actor,
                           Map<String, String> variables, Instant startedAt, Instant finishedAt) implements RepositoryActivity {

    public CiRunChanged {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
