package com.ticolops.bot.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub's REST API for one repository, played by WireMock for the real GitHub deploy client: its refs, the commits a
 * range ships, deployments, workflow dispatches, a failed run's job log and its top-level files; and the requests the
 * client made, as GitHub received them.
 */
public final class FakeGitHub {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The commit a compared range starts from, as GitHub names it in the answer. */
    private static final String BASE = "1111111111111111111111111111111111111111";

    /** A commit as GitHub lists it; the deploy client names its git author. */
    public record Commit(String sha, String message, String author) {
    }

    private final WireMockServer api;
    private final String repository;
    private final String base;

    public FakeGitHub(WireMockServer api, String repository) {
        this.api = api;
        this.repository = repository;
        this.base = "/repos/" + repository;
        String[] parts = repository.split("/");
        api.stubFor(get(urlEqualTo(base)).willReturn(okJson("""
                {"id": 42, "name": "%s", "full_name": "%s", "owner": {"login": "%s", "id": 1, "type": "Organization"}, "private": false,
                 "html_url": "https://github.com/%s", "url": "%s", "default_branch": "main",
                 "permissions": {"admin": true, "push": true, "pull": true}}""".formatted(parts[1], repository, parts[0], repository,
                api.baseUrl() + base))));
        // Any ref not given below: GitHub's answer to an unknown one.
        api.stubFor(get(urlPathMatching(Pattern.quote(base) + "/commits/.+")).atPriority(10).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"No commit found for SHA: nope\"}")));
    }

    /** GitHub's answer to the token check: the token belongs to {@code login}. */
    public static void acceptsToken(WireMockServer api, String token, String login) {
        api.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing(token))
                .willReturn(okJson("{\"login\": \"" + login + "\", \"id\": 1, \"type\": \"User\"}")));
    }

    /** Connecting with a token registers the webhook through the API: it gets id 4242. */
    public FakeGitHub hooksCreatable() {
        api.stubFor(post(urlEqualTo(base + "/hooks")).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                {"type": "Repository", "id": 4242, "name": "web", "active": true, "events": ["push"],
                 "config": {"content_type": "json", "insecure_ssl": "0", "url": "http://localhost:8080/webhooks/github"},
                 "updated_at": "2026-01-05T10:00:00Z", "created_at": "2026-01-05T10:00:00Z", "url": "%s/hooks/4242"}""".formatted(api.baseUrl() + base))));
        return this;
    }

    public FakeGitHub ref(String ref, String sha) {
        api.stubFor(get(urlEqualTo(base + "/commits/" + ref)).atPriority(1).willReturn(okJson(commit(new Commit(sha, "Head of " + ref, "Alice Liddell")))));
        return this;
    }

    /** What any range of the repository ships, oldest first (the listing without a base answers newest first, as GitHub does). */
    public FakeGitHub ships(List<Commit> commits) {
        String oldestFirst = commits.stream().map(this::commit).collect(Collectors.joining(","));
        List<Commit> reversed = new java.util.ArrayList<>(commits);
        java.util.Collections.reverse(reversed);
        String newestFirst = reversed.stream().map(this::commit).collect(Collectors.joining(","));
        api.stubFor(get(urlPathMatching(Pattern.quote(base) + "/compare/.+")).willReturn(okJson("""
                {"status": "ahead", "ahead_by": %d, "behind_by": 0, "total_commits": %d, "html_url": "https://github.com/%s/compare",
                 "base_commit": %s, "merge_base_commit": %s, "commits": [%s]}""".formatted(commits.size(), commits.size(), repository,
                commit(new Commit(BASE, "Last deployed", "Alice Liddell")), commit(new Commit(BASE, "Last deployed", "Alice Liddell")), oldestFirst))));
        api.stubFor(get(urlPathEqualTo(base + "/commits")).willReturn(okJson("[" + newestFirst + "]")));
        return this;
    }

    /** The next deployment created gets this id. */
    public FakeGitHub nextDeployment(long id) {
        api.stubFor(post(urlEqualTo(base + "/deployments")).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": %d, "url": "%s/deployments/%d", "sha": "x", "ref": "main", "task": "deploy", "environment": "production",
                         "creator": {"login": "ticolops-bot", "id": 7}, "created_at": "2026-12-01T12:00:00Z", "updated_at": "2026-12-01T12:00:00Z"}"""
                        .formatted(id, api.baseUrl() + base, id))));
        return this;
    }

    public FakeGitHub workflow(String file) {
        api.stubFor(get(urlEqualTo(base + "/actions/workflows/" + file)).willReturn(okJson("""
                {"id": 161335, "name": "Deploy", "path": ".github/workflows/%s", "state": "active", "url": "%s/actions/workflows/161335",
                 "html_url": "https://github.com/%s/blob/main/.github/workflows/%s", "badge_url": "https://github.com/%s/workflows/Deploy/badge.svg",
                 "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}"""
                .formatted(file, api.baseUrl() + base, repository, file, repository))));
        api.stubFor(post(urlEqualTo(base + "/actions/workflows/161335/dispatches")).willReturn(aResponse().withStatus(204)));
        return this;
    }

    /** A workflow run whose job {@code runId + 1} failed with this log, served through GitHub's redirect to a download URL. */
    public FakeGitHub failedRun(long runId, List<String> log) {
        long job = runId + 1;
        api.stubFor(get(urlEqualTo(base + "/actions/runs/" + runId)).willReturn(okJson("""
                {"id": %d, "name": "Deploy", "display_title": "Deploy", "head_branch": "main", "head_sha": "x", "run_number": 1, "event": "workflow_dispatch",
                 "status": "completed", "conclusion": "failure", "workflow_id": 161335, "html_url": "https://github.com/%s/actions/runs/%d",
                 "created_at": "2026-12-01T12:00:05Z", "updated_at": "2026-12-01T12:03:00Z", "url": "%s/actions/runs/%d",
                 "jobs_url": "%s/actions/runs/%d/jobs"}""".formatted(runId, repository, runId, api.baseUrl() + base, runId, api.baseUrl() + base, runId))));
        api.stubFor(get(urlPathEqualTo(base + "/actions/runs/" + runId + "/jobs")).willReturn(okJson("""
                {"total_count": 1, "jobs": [{"id": %d, "run_id": %d, "name": "deploy", "status": "completed", "conclusion": "failure", "head_sha": "x",
                  "html_url": "https://github.com/%s/actions/runs/%d/job/%d", "started_at": "2026-12-01T12:00:10Z", "completed_at": "2026-12-01T12:02:00Z",
                  "url": "%s/actions/jobs/%d", "steps": [], "labels": ["ubuntu-latest"]}]}"""
                .formatted(job, runId, repository, runId, job, api.baseUrl() + base, job))));
        api.stubFor(get(urlEqualTo(base + "/actions/jobs/" + job + "/logs")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", api.baseUrl() + "/job-logs/" + job + "?sig=short-lived")));
        api.stubFor(get(urlPathEqualTo("/job-logs/" + job)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
                .withBody(log.stream().map(line -> "2026-12-01T12:01:00.1000000Z " + line).collect(Collectors.joining("\n")) + "\n")));
        return this;
    }

    /** A workflow run in progress, which GitHub cancels when asked (202), or refuses to with {@code refusal} (409). */
    public FakeGitHub runningRun(long runId, String refusal) {
        api.stubFor(get(urlEqualTo(base + "/actions/runs/" + runId)).willReturn(okJson("""
                {"id": %d, "name": "Deploy", "display_title": "Deploy", "head_branch": "main", "head_sha": "x", "run_number": 1, "event": "workflow_dispatch",
                 "status": "in_progress", "conclusion": null, "workflow_id": 161335, "html_url": "https://github.com/%s/actions/runs/%d",
                 "created_at": "2026-12-01T12:00:05Z", "updated_at": "2026-12-01T12:01:00Z", "url": "%s/actions/runs/%d",
                 "cancel_url": "%s/actions/runs/%d/cancel"}""".formatted(runId, repository, runId, api.baseUrl() + base, runId, api.baseUrl() + base, runId))));
        api.stubFor(post(urlEqualTo(base + "/actions/runs/" + runId + "/cancel")).willReturn(refusal == null
                ? aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{}")
                : aResponse().withStatus(409).withHeader("Content-Type", "application/json").withBody("{\"message\": \"" + refusal + "\"}")));
        return this;
    }

    /** How often GitHub was asked to cancel the run. */
    public int cancelsOf(long runId) {
        return api.findAll(postRequestedFor(urlEqualTo(base + "/actions/runs/" + runId + "/cancel"))).size();
    }

    /** The default branch's top level: these files with their text. */
    public FakeGitHub files(Map<String, String> files) {
        String listing = files.keySet().stream().map(name -> """
                {"type": "file", "name": "%s", "path": "%s", "sha": "s-%s", "size": 10, "url": "%s/contents/%s?ref=main"}"""
                .formatted(name, name, name, api.baseUrl() + base, name)).collect(Collectors.joining(","));
        api.stubFor(get(urlPathEqualTo(base + "/contents/")).willReturn(okJson("[" + listing + "]")));
        api.stubFor(get(urlPathEqualTo(base + "/contents")).willReturn(okJson("[" + listing + "]")));
        files.forEach((name, text) -> api.stubFor(get(urlPathEqualTo(base + "/contents/" + name)).willReturn(okJson("""
                {"type": "file", "encoding": "base64", "name": "%s", "path": "%s", "sha": "s-%s", "size": %d, "content": "%s",
                 "url": "%s/contents/%s?ref=main"}""".formatted(name, name, name, text.length(),
                Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)), api.baseUrl() + base, name)))));
        return this;
    }

    /** The bodies of the deployments GitHub was asked to create, in order. */
    public List<JsonNode> deploymentsCreated() {
        return bodies(base + "/deployments");
    }

    /** The bodies of the workflow dispatches GitHub received, in order. */
    public List<JsonNode> dispatches() {
        return bodies(base + "/actions/workflows/161335/dispatches");
    }

    private List<JsonNode> bodies(String path) {
        return api.findAll(postRequestedFor(urlEqualTo(path))).stream().map(LoggedRequest::getBodyAsString).map(JSON::readTree).toList();
    }

    private String commit(Commit commit) {
        return """
                {"sha": "%s", "html_url": "https://github.com/%s/commit/%s", "commit": {"message": "%s",
                 "author": {"name": "%s", "email": "someone@example.com", "date": "2026-11-30T10:00:00Z"}}}"""
                .formatted(commit.sha(), repository, commit.sha(), commit.message().replace("\n", "\\n"), commit.author());
    }
}
