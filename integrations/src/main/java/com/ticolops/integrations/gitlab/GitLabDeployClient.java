package com.ticolops.integrations.gitlab;

import com.ticolops.integrations.git.DeployClient;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.LogTail;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobAttribute;
import org.gitlab4j.api.models.JobAttributes;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.PipelineFilter;
import org.gitlab4j.api.models.TreeItem;
import org.gitlab4j.api.models.Variable;
import org.gitlab4j.models.Constants;
import org.springframework.stereotype.Component;

/** Starts and explains deployments through GitLab's pipelines and jobs, with GitLab4J. */
@Component
class GitLabDeployClient implements DeployClient {

    /** GitLab lists at most 100 items a page. */
    private static final int PAGE = 100;

    private final GitLabApis apis;

    GitLabDeployClient(GitLabApis apis) {
        this.apis = apis;
    }

    @Override
    public GitProvider provider() {
        return GitProvider.GITLAB;
    }

    /** The commits API takes a branch, a tag or a (short) sha alike. */
    @Override
    public String resolveCommit(GitHostAccess access, String repository, String ref) {
        return apis.call(access, api -> onRef(repository, ref, () -> api.getCommitsApi().getCommit(repository, ref).getId()));
    }

    @Override
    public List<Commit> commitsBetween(GitHostAccess access, String repository, String baseSha, String headSha, int limit) {
        return apis.call(access, api -> {
            if (baseSha == null) {
                List<Commit> newestFirst = new ArrayList<>(onRef(repository, headSha, () -> api.getCommitsApi()
                        .getCommits(repository, headSha, null, null, Math.min(limit, PAGE)).lazyStream().limit(limit).map(GitLabDeployClient::commit)
                        .toList()));
                Collections.reverse(newestFirst);
                return List.copyOf(newestFirst);
            }
            List<org.gitlab4j.api.models.Commit> oldestFirst = onRef(repository, baseSha + "..." + headSha,
                    () -> api.getRepositoryApi().compare(repository, baseSha, headSha).getCommits());
            return oldestFirst.subList(Math.max(0, oldestFirst.size() - limit), oldestFirst.size()).stream().map(GitLabDeployClient::commit).toList();
        });
    }

    private static Commit commit(org.gitlab4j.api.models.Commit commit) {
        return new Commit(commit.getId(), commit.getTitle(), commit.getAuthorName() == null ? "unknown" : commit.getAuthorName(), commit.getWebUrl(),
                commit.getAuthoredDate() == null ? null : commit.getAuthoredDate().toInstant());
    }

    @Override
    public Started createDeployment(GitHostAccess access, String repository, DeployRequest request) {
        throw new UnsupportedOperationException("GitLab has no GitHub Deployments API: use the GitLab pipeline or the GitLab manual job executor");
    }

    @Override
    public Started dispatchWorkflow(GitHostAccess access, String repository, String workflow, DeployRequest request) {
        throw new UnsupportedOperationException("GitLab has no GitHub Actions workflows: use the GitLab pipeline or the GitLab manual job executor");
    }

    @Override
    public Started createPipeline(GitHostAccess access, String repository, DeployRequest request) {
        List<Variable> variables = variables(request).entrySet().stream().map(v -> new Variable(v.getKey(), v.getValue())).toList();
        Pipeline pipeline = apis.call(access, api -> onRef(repository, request.ref(),
                () -> refused("the pipeline", () -> api.getPipelineApi().createPipeline(repository, request.ref(), variables))));
        return new Started(String.valueOf(pipeline.getId()), pipeline.getWebUrl());
    }

    /** The job gets the same variables a created pipeline would (GitLab lets a manual job be played with its own). */
    @Override
    public Started playManualJob(GitHostAccess access, String repository, String job, DeployRequest request) {
        return apis.call(access, api -> {
            Pipeline latest = project(repository, () -> api.getPipelineApi().getPipelines(repository,
                    new PipelineFilter().withRef(request.ref()).withOrderBy(Constants.PipelineOrderBy.ID).withSort(Constants.SortOrder.DESC), 1).first())
                    .stream().findFirst()
                    .orElseThrow(() -> new GitHostException(GitHostException.Reason.NOT_FOUND, "No pipeline on " + request.ref() + " in " + repository
                            + " to play " + job + " of: push to it first, or use the GitLab pipeline executor", null));
            Job manual = api.getJobApi().getJobsForPipeline(repository, latest.getId(), Constants.JobScope.MANUAL).stream()
                    .filter(candidate -> job.equals(candidate.getName())).findFirst()
                    .orElseThrow(() -> new GitHostException(GitHostException.Reason.NOT_FOUND, "The latest pipeline on " + request.ref() + " in " + repository
                            + " (#" + latest.getId() + ") has no manual job named " + job, null));
            List<JobAttribute> attributes = variables(request).entrySet().stream().map(v -> new JobAttribute(v.getKey(), v.getValue())).toList();
            Job played = refused("playing " + job, () -> api.getJobApi().playJob(repository, manual.getId(), new JobAttributes(attributes)));
            return new Started(String.valueOf(latest.getId()), played.getWebUrl() != null ? played.getWebUrl() : manual.getWebUrl());
        });
    }

    private static Map<String, String> variables(DeployRequest request) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("TICOLOPS_ENVIRONMENT", request.environment());
        variables.put("TICOLOPS_REQUESTED_BY", request.requestedBy());
        variables.put("TICOLOPS_DEPLOYMENT", String.valueOf(request.deploymentId()));
        if (request.sha() != null) {
            variables.put("TICOLOPS_SHA", request.sha());
        }
        return variables;
    }

    @Override
    public void cancelRun(GitHostAccess access, String repository, long runOrPipelineId) {
        apis.call(access, api -> onPipeline(repository, runOrPipelineId,
                () -> refused("to cancel pipeline " + runOrPipelineId, () -> api.getPipelineApi().cancelPipelineJobs(repository, runOrPipelineId))));
    }

    @Override
    public void markDeploymentCancelled(GitHostAccess access, String repository, long deploymentId, String cancelledBy) {
        throw new UnsupportedOperationException("GitLab deployments are made by pipelines: cancel the pipeline");
    }

    /**
     * The failed job that first ran (by id), preferring one not allowed to fail: that one failed the pipeline. A trace
     * GitLab no longer keeps gives no lines.
     */
    @Override
    public List<String> failedJobLogTail(GitHostAccess access, String repository, long runOrPipelineId, int lines) {
        return apis.call(access, api -> {
            List<Job> failed = onPipeline(repository, runOrPipelineId,
                    () -> api.getJobApi().getJobsForPipeline(repository, runOrPipelineId, Constants.JobScope.FAILED));
            Optional<Job> first = failed.stream()
                    .min(Comparator.comparing((Job job) -> Boolean.TRUE.equals(job.getAllowFailure())).thenComparing(Job::getId));
            if (first.isEmpty()) {
                return List.of();
            }
            String trace;
            try {
                trace = api.getJobApi().getTrace(repository, first.get().getId());
            } catch (GitLabApiException e) {
                if (e.getHttpStatus() == 404) {
                    return List.of();
                }
                throw e;
            }
            try {
                return LogTail.of(new StringReader(trace == null ? "" : trace), lines);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        });
    }

    /** The tree and the files of the default branch; an empty repository has no tree and no files. */
    @Override
    public Map<String, String> topLevelFiles(GitHostAccess access, String repository, List<String> wanted) {
        return apis.call(access, api -> {
            String branch = project(repository, () -> api.getProjectApi().getProject(repository)).getDefaultBranch();
            if (branch == null) {
                return Map.of();
            }
            Map<String, String> files = new LinkedHashMap<>();
            for (TreeItem item : api.getRepositoryApi().getTree(repository, null, branch)) {
                String text = item.getType() == TreeItem.Type.BLOB && wanted.contains(item.getName())
                        ? api.getRepositoryFileApi().getFile(repository, item.getName(), branch).getDecodedContentAsString() : null;
                files.put(item.getName(), text);
            }
            return Collections.unmodifiableMap(files);
        });
    }

    private interface Request<T> {
        T run() throws GitLabApiException;
    }

    /** GitLab says which thing it did not find: "404 Project Not Found", "404 Commit Not Found". */
    private static boolean projectMissing(GitLabApiException e) {
        return e.getHttpStatus() == 404 && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("project not found");
    }

    private static GitHostException noProject(String repository, Throwable cause) {
        return new GitHostException(GitHostException.Reason.NOT_FOUND, "GitLab has no project " + repository + ", or the token cannot see it", cause);
    }

    private static <T> T project(String repository, Request<T> request) throws GitLabApiException {
        try {
            return request.run();
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == 404) {
                throw noProject(repository, e);
            }
            throw e;
        }
    }

    private static <T> T onPipeline(String repository, long pipelineId, Request<T> request) throws GitLabApiException {
        try {
            return request.run();
        } catch (GitLabApiException e) {
            if (projectMissing(e)) {
                throw noProject(repository, e);
            }
            if (e.getHttpStatus() == 404) {
                throw new GitHostException(GitHostException.Reason.NOT_FOUND, "No pipeline " + pipelineId + " in " + repository, e);
            }
            throw e;
        }
    }

    /**
     * A ref GitLab does not know: a 404 (the commits and compare APIs), or a 400 "Reference not found" (creating a
     * pipeline).
     */
    private static <T> T onRef(String repository, String ref, Request<T> request) throws GitLabApiException {
        try {
            return request.run();
        } catch (GitLabApiException e) {
            if (projectMissing(e)) {
                throw noProject(repository, e);
            }
            if (e.getHttpStatus() == 404 || e.getHttpStatus() == 400 && unknownReference(e)) {
                throw new GitHostException(GitHostException.Reason.NOT_FOUND, "No branch, tag or commit " + ref + " in " + repository, e);
            }
            throw e;
        }
    }

    private static boolean unknownReference(GitLabApiException e) {
        return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reference not found");
    }

    /** Any other 400 (no jobs for this ref, a job that cannot be played...) in GitLab's own words. */
    private static <T> T refused(String what, Request<T> request) throws GitLabApiException {
        try {
            return request.run();
        } catch (GitLabApiException e) {
            if ((e.getHttpStatus() == 400 || e.getHttpStatus() == 422) && !unknownReference(e)) {
                throw new GitHostException(GitHostException.Reason.FAILED, "GitLab refused " + what + " (" + e.getHttpStatus() + "): " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
