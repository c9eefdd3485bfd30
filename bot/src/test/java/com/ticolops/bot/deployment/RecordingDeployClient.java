package com.ticolops.bot.deployment;

import com.ticolops.integrations.git.DeployClient;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider's deploy client that records what it was asked and answers what a test told it, until the real clients
 * (branch deploy-int) arrive to be driven through WireMock. Test scope only: main code has no pretend executor.
 */
class RecordingDeployClient implements DeployClient {

    /** One call: what, on which repository, with which request (null for calls that take none). */
    record Call(String method, String repository, String target, DeployRequest request) {
    }

    private final GitProvider provider;
    private final AtomicLong ids;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** repository → ref → sha */
    final Map<String, Map<String, String>> refs = new ConcurrentHashMap<>();
    /** repository → the commits any range of it ships */
    final Map<String, List<Commit>> commits = new ConcurrentHashMap<>();
    /** repository → the failing job's log */
    final Map<String, List<String>> logs = new ConcurrentHashMap<>();
    /** repository → its top-level files with their text */
    final Map<String, Map<String, String>> files = new ConcurrentHashMap<>();

    RecordingDeployClient(GitProvider provider, long firstId) {
        this.provider = provider;
        this.ids = new AtomicLong(firstId);
    }

    void ref(String repository, String ref, String sha) {
        refs.computeIfAbsent(repository, r -> new ConcurrentHashMap<>()).put(ref, sha);
    }

    List<Call> calls(String repository) {
        return calls.stream().filter(call -> call.repository().equals(repository)).toList();
    }

    @Override
    public GitProvider provider() {
        return provider;
    }

    @Override
    public String resolveCommit(GitHostAccess access, String repository, String ref) {
        String sha = refs.getOrDefault(repository, Map.of()).get(ref);
        if (sha == null && ref.matches("[0-9a-f]{40}")) {
            return ref;
        }
        if (sha == null) {
            throw new GitHostException(GitHostException.Reason.NOT_FOUND, "No commit found for the ref " + ref, null);
        }
        return sha;
    }

    @Override
    public List<Commit> commitsBetween(GitHostAccess access, String repository, String baseSha, String headSha, int limit) {
        calls.add(new Call("commitsBetween", repository, baseSha + ".." + headSha, null));
        return commits.getOrDefault(repository, List.of());
    }

    @Override
    public Started createDeployment(GitHostAccess access, String repository, DeployRequest request) {
        calls.add(new Call("createDeployment", repository, null, request));
        return new Started(String.valueOf(ids.incrementAndGet()), null);
    }

    @Override
    public Started dispatchWorkflow(GitHostAccess access, String repository, String workflow, DeployRequest request) {
        calls.add(new Call("dispatchWorkflow", repository, workflow, request));
        return new Started(null, null);
    }

    @Override
    public Started createPipeline(GitHostAccess access, String repository, DeployRequest request) {
        calls.add(new Call("createPipeline", repository, null, request));
        long id = ids.incrementAndGet();
        return new Started(String.valueOf(id), "https://gitlab.example/" + repository + "/-/pipelines/" + id);
    }

    @Override
    public Started playManualJob(GitHostAccess access, String repository, String job, DeployRequest request) {
        calls.add(new Call("playManualJob", repository, job, request));
        return new Started(String.valueOf(ids.incrementAndGet()), null);
    }

    @Override
    public List<String> failedJobLogTail(GitHostAccess access, String repository, long runOrPipelineId, int lines) {
        calls.add(new Call("failedJobLogTail", repository, String.valueOf(runOrPipelineId), null));
        List<String> log = logs.getOrDefault(repository, List.of());
        return log.subList(Math.max(0, log.size() - lines), log.size());
    }

    @Override
    public Map<String, String> topLevelFiles(GitHostAccess access, String repository, List<String> wanted) {
        calls.add(new Call("topLevelFiles", repository, String.join(",", wanted), null));
        return files.getOrDefault(repository, Map.of());
    }
}
