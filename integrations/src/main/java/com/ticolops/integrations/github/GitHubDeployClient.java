package com.ticolops.integrations.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticolops.integrations.git.DeployClient;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.LogTail;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHCompare;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHDeployment;
import org.kohsuke.github.GHDeploymentState;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHWorkflow;
import org.kohsuke.github.GHWorkflowJob;
import org.kohsuke.github.GHWorkflowRun;
import org.kohsuke.github.GitUser;
import org.kohsuke.github.HttpException;
import org.springframework.stereotype.Component;

/** Starts and explains deployments through GitHub's Deployments and Actions APIs, with github-api. */
@Component
class GitHubDeployClient implements DeployClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<GHWorkflowRun.Conclusion> FAILED = EnumSet.of(GHWorkflowRun.Conclusion.FAILURE, GHWorkflowRun.Conclusion.TIMED_OUT,
            GHWorkflowRun.Conclusion.STARTUP_FAILURE);
    /** GitHub's compare lists at most 250 commits, a commit list at most 100 a page. */
    private static final int PAGE = 100;

    private final GitHubApis apis;

    GitHubDeployClient(GitHubApis apis) {
        this.apis = apis;
    }

    @Override
    public GitProvider provider() {
        return GitProvider.GITHUB;
    }

    /** The commits API takes a branch, a tag or a (short) sha alike. */
    @Override
    public String resolveCommit(GitHostAccess access, String repository, String ref) {
        return GitHubApis.call(access, () -> {
            GHRepository repo = repository(access, repository);
            return onRef(repository, ref, () -> repo.getCommit(ref).getSHA1());
        });
    }

    @Override
    public List<Commit> commitsBetween(GitHostAccess access, String repository, String baseSha, String headSha, int limit) {
        return GitHubApis.call(access, () -> {
            GHRepository repo = repository(access, repository);
            if (baseSha == null) {
                List<Commit> newestFirst = onRef(repository, headSha, () -> {
                    List<Commit> listed = new ArrayList<>();
                    for (GHCommit commit : repo.queryCommits().from(headSha).pageSize(Math.min(limit, PAGE)).list()) {
                        if (listed.size() == limit) {
                            break;
                        }
                        listed.add(commit(commit));
                    }
                    return listed;
                });
                Collections.reverse(newestFirst);
                return List.copyOf(newestFirst);
            }
            GHCompare.Commit[] oldestFirst = onRef(repository, baseSha + "..." + headSha, () -> repo.getCompare(baseSha, headSha).getCommits());
            return Arrays.asList(oldestFirst).subList(Math.max(0, oldestFirst.length - limit), oldestFirst.length).stream()
                    .map(GitHubDeployClient::commit).toList();
        });
    }

    /** A compared commit keeps its details in its own type: GHCommit's getters would fetch each commit again. */
    private static Commit commit(GHCompare.Commit commit) {
        GHCompare.InnerCommit inner = commit.getCommit();
        GitUser author = inner == null ? null : inner.getAuthor();
        return new Commit(commit.getSHA1(), firstLine(inner == null ? null : inner.getMessage()), name(author),
                commit.getHtmlUrl() == null ? null : commit.getHtmlUrl().toString(),
                author == null || author.getDate() == null ? null : author.getDate().toInstant());
    }

    /** The commit's own author (a name, not a login: the login would cost a call per commit). */
    private static Commit commit(GHCommit commit) throws IOException {
        GHCommit.ShortInfo info = commit.getCommitShortInfo();
        return new Commit(commit.getSHA1(), firstLine(info.getMessage()), name(info.getAuthor()),
                commit.getHtmlUrl() == null ? null : commit.getHtmlUrl().toString(),
                info.getAuthoredDate() == null ? null : info.getAuthoredDate().toInstant());
    }

    /**
     * Without merging the default branch into the ref first (GitHub's default), which would deploy something nobody
     * confirmed; GitHub's default check that the commit's statuses passed stays.
     */
    @Override
    public Started createDeployment(GitHostAccess access, String repository, DeployRequest request) {
        return GitHubApis.call(access, () -> {
            GHRepository repo = repository(access, repository);
            GHDeployment deployment = onRef(repository, request.ref(), () -> refused("the deployment", () -> repo.createDeployment(request.ref())
                    .environment(request.environment())
                    .autoMerge(false)
                    .description("Deployed from chat by " + request.requestedBy())
                    .payload(JSON.writeValueAsString(Map.of("ticolops_deployment", request.deploymentId(), "requested_by", request.requestedBy(),
                            "sha", request.sha() == null ? "" : request.sha())))
                    .create()));
            return new Started(String.valueOf(deployment.getId()), repo.getHtmlUrl() + "/deployments");
        });
    }

    /**
     * GitHub answers a dispatch with no run id (github-api has no call for the run details GitHub can now return). The
     * run comes back as {@code workflow_run} deliveries whose {@code display_title} names the deployment when the
     * workflow's {@code run-name} uses {@code inputs.ticolops_deployment}.
     */
    @Override
    public Started dispatchWorkflow(GitHostAccess access, String repository, String workflow, DeployRequest request) {
        return GitHubApis.call(access, () -> {
            GHRepository repo = repository(access, repository);
            GHWorkflow found;
            try {
                found = repo.getWorkflow(workflow);
            } catch (FileNotFoundException e) {
                throw new GitHostException(GitHostException.Reason.NOT_FOUND, "No workflow " + workflow + " in " + repository
                        + " (name its file under .github/workflows, e.g. deploy.yml)", e);
            }
            // The input is the exact commit to check out (a rollback's is an earlier one of the branch); the dispatch itself
            // needs a branch or tag, whose workflow file runs.
            Map<String, Object> inputs = Map.of("environment", request.environment(), "ref", request.sha() != null ? request.sha() : request.ref(),
                    "requested_by", request.requestedBy(),
                    "ticolops_deployment", String.valueOf(request.deploymentId()));
            onRef(repository, request.ref(), () -> refused("the dispatch of " + workflow, () -> {
                found.dispatch(request.ref(), inputs);
                return null;
            }));
            String file = found.getPath() == null ? workflow : found.getPath().substring(found.getPath().lastIndexOf('/') + 1);
            return new Started(null, repo.getHtmlUrl() + "/actions/workflows/" + file);
        });
    }

    @Override
    public Started createPipeline(GitHostAccess access, String repository, DeployRequest request) {
        throw new UnsupportedOperationException("GitHub has no pipelines to create: use the GitHub Actions workflow or the GitHub Deployments executor");
    }

    @Override
    public Started playManualJob(GitHostAccess access, String repository, String job, DeployRequest request) {
        throw new UnsupportedOperationException("GitHub has no manual jobs to play: use the GitHub Actions workflow executor");
    }

    @Override
    public void cancelRun(GitHostAccess access, String repository, long runOrPipelineId) {
        GitHubApis.call(access, () -> {
            GHWorkflowRun run = workflowRun(access, repository, runOrPipelineId);
            return refused("to cancel run " + runOrPipelineId, () -> {
                run.cancel();
                return null;
            });
        });
    }

    @Override
    public void markDeploymentCancelled(GitHostAccess access, String repository, long deploymentId, String cancelledBy) {
        GitHubApis.call(access, () -> {
            GHRepository repo = repository(access, repository);
            return refused("the status of deployment " + deploymentId, () -> repo.getDeployment(deploymentId).createStatus(GHDeploymentState.ERROR)
                    .description("Cancelled from chat by " + cancelledBy)
                    .create());
        });
    }

    /** GitHub answers the log request with a redirect to a short-lived download URL, which github-api follows. */
    @Override
    public List<String> failedJobLogTail(GitHostAccess access, String repository, long runOrPipelineId, int lines) {
        return GitHubApis.call(access, () -> {
            GHWorkflowRun run = workflowRun(access, repository, runOrPipelineId);
            Optional<GHWorkflowJob> failed = run.listJobs().toList().stream().filter(job -> FAILED.contains(job.getConclusion())).findFirst();
            if (failed.isEmpty()) {
                return List.of();
            }
            try {
                return failed.get().downloadLogs(log -> LogTail.of(new InputStreamReader(log, StandardCharsets.UTF_8), lines));
            } catch (FileNotFoundException gone) {
                return List.of();
            } catch (HttpException e) {
                if (e.getResponseCode() == 410) {
                    return List.of();
                }
                throw e;
            }
        });
    }

    /** The contents API lists the default branch's top level, and gives a file's text base64-encoded, on GitHub's API host. */
    @Override
    public Map<String, String> topLevelFiles(GitHostAccess access, String repository, List<String> wanted) {
        return GitHubApis.call(access, () -> {
            GHRepository repo = repository(access, repository);
            Map<String, String> files = new LinkedHashMap<>();
            for (GHContent entry : repo.getDirectoryContent("")) {
                String text = entry.isFile() && wanted.contains(entry.getName())
                        ? new String(repo.getFileContent(entry.getName()).read().readAllBytes(), StandardCharsets.UTF_8) : null;
                files.put(entry.getName(), text);
            }
            return Collections.unmodifiableMap(files);
        });
    }

    private GHWorkflowRun workflowRun(GitHostAccess access, String repository, long runId) throws IOException {
        try {
            return repository(access, repository).getWorkflowRun(runId);
        } catch (FileNotFoundException e) {
            throw new GitHostException(GitHostException.Reason.NOT_FOUND, "No workflow run " + runId + " in " + repository, e);
        }
    }

    private GHRepository repository(GitHostAccess access, String repository) throws IOException {
        try {
            return apis.github(access).getRepository(repository);
        } catch (FileNotFoundException e) {
            throw new GitHostException(GitHostException.Reason.NOT_FOUND, "GitHub has no repository " + repository + ", or the token cannot see it", e);
        }
    }

    /**
     * A ref GitHub does not know: a 404 once the repository was found, or a 422 that says so ("No ref found for",
     * "No commit found for").
     */
    private static <T> T onRef(String repository, String ref, GitHubApis.Call<T> call) throws IOException {
        try {
            return GitHubApis.unwrapped(call);
        } catch (FileNotFoundException e) {
            throw unknownRef(repository, ref, e);
        } catch (HttpException e) {
            if (e.getResponseCode() == 404 || e.getResponseCode() == 422 && message(e).matches("(?is)no (ref|commit) found.*")) {
                throw unknownRef(repository, ref, e);
            }
            throw e;
        }
    }

    private static GitHostException unknownRef(String repository, String ref, Throwable cause) {
        return new GitHostException(GitHostException.Reason.NOT_FOUND, "No branch, tag or commit " + ref + " in " + repository, cause);
    }

    /** A 409 (the commit's checks failed) or other 422 (inputs the workflow does not declare...) in GitHub's own words. */
    private static <T> T refused(String what, GitHubApis.Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (HttpException e) {
            if ((e.getResponseCode() == 409 || e.getResponseCode() == 422) && !message(e).matches("(?is)no (ref|commit) found.*")) {
                throw new GitHostException(GitHostException.Reason.FAILED, "GitHub refused " + what + " (" + e.getResponseCode() + "): " + message(e), e);
            }
            throw e;
        }
    }

    /** github-api's HttpException carries GitHub's JSON answer as its message; GitHub's sentence is its {@code message}. */
    private static String message(HttpException e) {
        String body = e.getMessage() == null ? "" : e.getMessage();
        try {
            JsonNode answer = JSON.readTree(body);
            String message = answer.path("message").asText("");
            return message.isBlank() ? excerpt(body) : message;
        } catch (IOException notJson) {
            return excerpt(body);
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static String name(GitUser author) {
        return author == null || author.getName() == null ? "unknown" : author.getName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
