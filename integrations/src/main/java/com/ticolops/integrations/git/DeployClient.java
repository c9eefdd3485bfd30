package com.ticolops.integrations.git;

import java.util.List;
import java.util.Map;

/**
 * What the deployment domain asks of GitHub's or GitLab's API to start a deployment and to explain one; one
 * implementation per provider. Every method is an outbound call: never call one inside a database transaction.
 * A method the provider has no equivalent for throws {@link UnsupportedOperationException} with a sentence naming
 * the executor to use instead.
 *
 * @see DeployHooks for deploy hook URLs (Vercel, Netlify, Render, any HTTPS endpoint)
 */
public interface DeployClient {

    GitProvider provider();

    /**
     * The commit a branch, tag or sha names.
     *
     * @throws GitHostException NOT_FOUND when the ref (or the repository) does not exist
     */
    String resolveCommit(GitHostAccess access, String repository, String ref);

    /**
     * The commits {@code headSha} adds to {@code baseSha} (oldest first), at most {@code limit}; every commit reachable
     * from {@code headSha} (newest {@code limit}) when {@code baseSha} is null.
     */
    List<Commit> commitsBetween(GitHostAccess access, String repository, String baseSha, String headSha, int limit);

    /**
     * GitHub's Deployments API: creates a deployment of {@code request.ref()} to {@code request.environment()}, with
     * {@code request} in its payload; the repository's workflows listening to {@code deployment} do the work and
     * {@code deployment_status} webhooks tell how it goes.
     *
     * @return the provider's deployment id
     * @throws GitHostException NOT_FOUND for an unknown ref, FAILED with GitHub's message on 409/422
     */
    Started createDeployment(GitHostAccess access, String repository, DeployRequest request);

    /**
     * GitHub Actions: {@code workflow_dispatch} of {@code workflow} (file name or id) on {@code request.ref()} with the
     * inputs {@code environment}, {@code ref} (the exact commit to check out: {@code request.sha()}), {@code requested_by}
     * and {@code ticolops_deployment}.
     */
    Started dispatchWorkflow(GitHostAccess access, String repository, String workflow, DeployRequest request);

    /**
     * GitLab: creates a pipeline on {@code request.ref()} with the variables {@code TICOLOPS_ENVIRONMENT},
     * {@code TICOLOPS_REQUESTED_BY}, {@code TICOLOPS_DEPLOYMENT} and {@code TICOLOPS_SHA}, the exact commit to deploy
     * (a pipeline runs on a branch's head; a rollback deploys an earlier commit of it).
     *
     * @return the pipeline id
     */
    Started createPipeline(GitHostAccess access, String repository, DeployRequest request);

    /**
     * GitLab: plays the manual job named {@code job} of the latest pipeline on {@code request.ref()}.
     *
     * @return the job's pipeline id
     * @throws GitHostException NOT_FOUND when there is no pipeline on the ref or no such manual job in it
     */
    Started playManualJob(GitHostAccess access, String repository, String job, DeployRequest request);

    /**
     * Stops a GitHub Actions workflow run or a GitLab pipeline that a deployment started.
     *
     * @throws GitHostException FAILED in the provider's words when it will not (the run finished meanwhile), NOT_FOUND
     *                          when the run is gone
     */
    void cancelRun(GitHostAccess access, String repository, long runOrPipelineId);

    /**
     * GitHub's Deployments API: gives the deployment an {@code error} status saying who cancelled it, so GitHub does
     * not show it as still in progress. The workflow that took it is the repository's, and is not stopped.
     */
    void markDeploymentCancelled(GitHostAccess access, String repository, long deploymentId, String cancelledBy);

    /**
     * The last {@code lines} lines of the log of the first failed job of a workflow run (GitHub) or pipeline (GitLab).
     *
     * @return empty when no job failed or the log is gone
     */
    List<String> failedJobLogTail(GitHostAccess access, String repository, long runOrPipelineId, int lines);

    /**
     * The repository's top-level file names on its default branch, with the text of those among {@code wanted} that
     * exist (null text for a listed name whose content was not asked for).
     */
    Map<String, String> topLevelFiles(GitHostAccess access, String repository, List<String> wanted);

    /**
     * What a deploy asks for.
     *
     * @param deploymentId our deployment's id, sent along so webhooks name it back
     * @param requestedBy  who asked, as shown to people ("alice", or "push to main")
     */
    record DeployRequest(long deploymentId, String ref, String sha, String environment, String requestedBy) {
    }

    /**
     * A deployment the provider took.
     *
     * @param providerId the provider's id for what it started (deployment id, workflow run id when known, pipeline
     *                   id), or null when the provider gives none back (a workflow dispatch)
     * @param url        where to watch it, or null
     */
    record Started(String providerId, String url) {
    }

    /** One commit a deployment ships. */
    record Commit(String sha, String title, String author, String url, java.time.Instant authoredAt) {
    }
}
