package com.ticolops.integrations.git;

/**
 * A job of a GitLab pipeline changed state (created, pending, running, success, failed, canceled), so a deployment
 * through a manual job, or through a pipeline's job that deploys to an environment, can follow it.
 *
 * @param jobId       the job's id, which GitLab's deployment events name as their {@code deployable_id}
 * @param pipelineId  the pipeline it belongs to
 * @param environment the environment the job deploys to ({@code environment:} in .gitlab-ci.yml), or null
 * @param status      GitLab's word, e.g. {@code running}, {@code failed}
 * @param outcome     how it ended, or null while it runs
 */
public record CiJobChanged(GitProvider provider, String deliveryId, String repository, long jobId, long pipelineId, String name,
                           String environment, String status, RepositoryActivity.Outcome outcome, String url) implements RepositoryActivity {

    @Override
    public String actor() {
        return null;
    }
}
