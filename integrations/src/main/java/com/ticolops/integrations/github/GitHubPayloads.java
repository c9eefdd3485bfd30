package com.ticolops.integrations.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticolops.integrations.git.CiRunChanged;
import com.ticolops.integrations.git.CommentAdded;
import com.ticolops.integrations.git.DeploymentStatusChanged;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.Mentions;
import com.ticolops.integrations.git.IssueChanged;
import com.ticolops.integrations.git.PipelineFinished;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import com.ticolops.integrations.git.ReleasePublished;
import com.ticolops.integrations.git.RepositoryActivity.Outcome;
import com.ticolops.integrations.git.ReviewSubmitted;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.kohsuke.github.GHCheckSuite;
import org.kohsuke.github.GHCommitComment;
import org.kohsuke.github.GHDeployment;
import org.kohsuke.github.GHDeploymentStatus;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestReview;
import org.kohsuke.github.GHPullRequestReviewComment;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GHWorkflowRun;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitUser;

/** Turns GitHub payloads into our provider-neutral events, parsing with github-api's own payload model. */
final class GitHubPayloads {

    private static final GitHub OFFLINE = GitHub.offline();
    private static final ObjectMapper JSON = new ObjectMapper();

    private GitHubPayloads() {
    }

    /** @return the domain events this delivery means; empty for events we store but do not act on yet */
    static List<Object> toEvents(String event, String deliveryId, String body) throws IOException {
        return switch (event) {
            case "push" -> List.of(push(deliveryId, parse(body, GHEventPayload.Push.class)));
            case "pull_request" -> List.of(pullRequest(deliveryId, parse(body, GHEventPayload.PullRequest.class), body));
            case "pull_request_review" -> review(deliveryId, parse(body, GHEventPayload.PullRequestReview.class));
            case "issue_comment" -> issueComment(deliveryId, parse(body, GHEventPayload.IssueComment.class));
            case "pull_request_review_comment" -> reviewComment(deliveryId, parse(body, GHEventPayload.PullRequestReviewComment.class));
            case "commit_comment" -> commitComment(deliveryId, parse(body, GHEventPayload.CommitComment.class));
            case "workflow_run" -> workflowRun(deliveryId, parse(body, GHEventPayload.WorkflowRun.class));
            case "check_suite" -> checkSuite(deliveryId, parse(body, GHEventPayload.CheckSuite.class));
            case "deployment_status" -> List.of(deploymentStatus(deliveryId, parse(body, GHEventPayload.DeploymentStatus.class)));
            case "release" -> release(deliveryId, parse(body, GHEventPayload.Release.class));
            case "issues" -> List.of(issue(deliveryId, parse(body, GHEventPayload.Issue.class)));
            default -> List.of();
        };
    }

    /** github-api checks a payload's shape after reading it and throws IllegalStateException: that is bad input too. */
    private static <T extends GHEventPayload> T parse(String body, Class<T> type) throws IOException {
        try {
            return OFFLINE.parseEventPayload(new StringReader(body), type);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static PushReceived push(String deliveryId, GHEventPayload.Push push) throws IOException {
        requirePresent(push.getRef(), "ref");
        requirePresent(push.getRepository(), "repository");
        List<PushReceived.Commit> commits = push.getCommits().stream()
                .map(commit -> new PushReceived.Commit(commit.getSha(), firstLine(commit.getMessage()), name(commit.getAuthor()), commit.getUrl(),
                        files(listed(commit::getAdded), listed(commit::getModified), listed(commit::getRemoved)),
                        commit.getTimestamp() == null ? null : commit.getTimestamp().toInstant()))
                .toList();
        String pusher = push.getPusher() != null && push.getPusher().getName() != null ? push.getPusher().getName() : push.getSender().getLogin();
        return new PushReceived(GitProvider.GITHUB, deliveryId, push.getRepository().getFullName(), String.valueOf(push.getRepository().getHtmlUrl()),
                push.getRef(), pusher, commits, push.isCreated(), push.isDeleted(), push.isForced(), push.getCompare());
    }

    private static PullRequestChanged pullRequest(String deliveryId, GHEventPayload.PullRequest event, String body) throws IOException {
        requirePresent(event.getRepository(), "repository");
        GHPullRequest pr = event.getPullRequest();
        boolean opened = "opened".equals(event.getAction());
        return new PullRequestChanged(GitProvider.GITHUB, deliveryId, event.getRepository().getFullName(), event.getAction(), event.getNumber(),
                pr.getTitle(), pr.getUser().getLogin(), event.getSender().getLogin(), String.valueOf(pr.getHtmlUrl()),
                pr.getHead().getRef(), pr.getBase().getRef(), pr.getMergedAt() != null, pr.isDraft(),
                pr.getLabels() == null ? List.of() : pr.getLabels().stream().map(GHLabel::getName).toList(),
                event.getChanges() != null && event.getChanges().getBase() != null, instant(pr.getUpdatedAt()),
                requestedReviewers(event.getAction(), body), opened ? Mentions.in(pr.getBody()) : List.of());
    }

    /**
     * Who this delivery asks to review. github-api's payload model has no {@code requested_reviewer} (the one person a
     * {@code review_requested} is about), and its {@code getRequestedReviewers()} may call the API for what the payload
     * lacks: both are read from the payload's JSON. A team asked to review ({@code requested_team}) names no person.
     */
    private static List<String> requestedReviewers(String action, String body) throws IOException {
        if (!"review_requested".equals(action) && !"opened".equals(action)) {
            return List.of();
        }
        JsonNode payload = JSON.readTree(body);
        if ("review_requested".equals(action)) {
            String login = payload.path("requested_reviewer").path("login").asText("");
            return login.isBlank() ? List.of() : List.of(login);
        }
        List<String> logins = new java.util.ArrayList<>();
        payload.path("pull_request").path("requested_reviewers").forEach(reviewer -> logins.add(reviewer.path("login").asText("")));
        logins.removeIf(String::isBlank);
        return List.copyOf(logins);
    }

    /** Only a submitted review says something; edits and dismissals are stored and ignored. */
    private static List<Object> review(String deliveryId, GHEventPayload.PullRequestReview event) throws IOException {
        if (!"submitted".equals(event.getAction())) {
            return List.of();
        }
        String repository = repository(event);
        GHPullRequestReview review = event.getReview();
        GHPullRequest pr = event.getPullRequest();
        requirePresent(review, "review");
        requirePresent(pr, "pull_request");
        // The review's state names GitHub's API verbs; we keep GitHub's webhook words (approved, changes_requested, commented).
        String state = review.getState() == null ? "commented" : switch (review.getState()) {
            case APPROVED -> "approved";
            case CHANGES_REQUESTED, REQUEST_CHANGES -> "changes_requested";
            default -> "commented";
        };
        // GHPullRequestReview.getUser() fetches the user from the API; the sender of a submitted review is its reviewer.
        return List.of(new ReviewSubmitted(GitProvider.GITHUB, deliveryId, repository, pr.getNumber(), pr.getTitle(), login(event.getSender()),
                state, CommentAdded.excerpt(review.getBody()), url(review.getHtmlUrl(), pr.getHtmlUrl()), login(pr.getUser()),
                pr.getBase() == null ? null : pr.getBase().getRef(), Mentions.in(review.getBody())));
    }

    private static List<Object> issueComment(String deliveryId, GHEventPayload.IssueComment event) throws IOException {
        if (!"created".equals(event.getAction())) {
            return List.of();
        }
        String repository = repository(event);
        GHIssue issue = event.getIssue();
        GHIssueComment comment = event.getComment();
        requirePresent(issue, "issue");
        requirePresent(comment, "comment");
        CommentAdded.Target target = issue.isPullRequest() ? CommentAdded.Target.PULL_REQUEST : CommentAdded.Target.ISSUE;
        return List.of(new CommentAdded(GitProvider.GITHUB, deliveryId, repository, target, String.valueOf(issue.getNumber()), issue.getTitle(),
                CommentAdded.excerpt(comment.getBody()), commenter(comment.getUserName(), event), url(comment.getHtmlUrl(), issue.getHtmlUrl()), null,
                Mentions.in(comment.getBody())));
    }

    private static List<Object> reviewComment(String deliveryId, GHEventPayload.PullRequestReviewComment event) throws IOException {
        if (!"created".equals(event.getAction())) {
            return List.of();
        }
        String repository = repository(event);
        GHPullRequest pr = event.getPullRequest();
        GHPullRequestReviewComment comment = event.getComment();
        requirePresent(pr, "pull_request");
        requirePresent(comment, "comment");
        // GHPullRequestReviewComment.getUser() fetches the user from the API; the sender wrote the comment.
        return List.of(new CommentAdded(GitProvider.GITHUB, deliveryId, repository, CommentAdded.Target.PULL_REQUEST, String.valueOf(pr.getNumber()),
                pr.getTitle(), CommentAdded.excerpt(comment.getBody()), login(event.getSender()), url(comment.getHtmlUrl(), pr.getHtmlUrl()),
                comment.getPath(), Mentions.in(comment.getBody())));
    }

    private static List<Object> commitComment(String deliveryId, GHEventPayload.CommitComment event) throws IOException {
        if (event.getAction() != null && !"created".equals(event.getAction())) {
            return List.of();
        }
        String repository = repository(event);
        GHCommitComment comment = event.getComment();
        requirePresent(comment, "comment");
        requirePresent(comment.getSHA1(), "comment.commit_id");
        return List.of(new CommentAdded(GitProvider.GITHUB, deliveryId, repository, CommentAdded.Target.COMMIT, comment.getSHA1(), null,
                CommentAdded.excerpt(comment.getBody()), login(event.getSender()), url(comment.getHtmlUrl(), null), comment.getPath(),
                Mentions.in(comment.getBody())));
    }

    /**
     * Every state of a run is a {@link CiRunChanged}, for a deployment started through it to follow; a run that really
     * ran and finished is also a {@link PipelineFinished}, the announcement.
     */
    private static List<Object> workflowRun(String deliveryId, GHEventPayload.WorkflowRun event) throws IOException {
        String repository = repository(event);
        GHWorkflowRun run = event.getWorkflowRun();
        requirePresent(run, "workflow_run");
        String name = run.getName() != null && !run.getName().isBlank() ? run.getName()
                : event.getWorkflow() != null && event.getWorkflow().getName() != null ? event.getWorkflow().getName() : "workflow";
        String actor = run.getTriggeringActor() != null ? run.getTriggeringActor().getLogin() : login(event.getSender());
        Date started = run.getRunStartedAt() != null ? run.getRunStartedAt() : run.getCreatedAt();
        boolean completed = "completed".equals(event.getAction()) && run.getConclusion() != null;
        String conclusion = completed ? run.getConclusion().toString() : null;
        Outcome outcome = completed ? outcome(conclusion) : null;
        // A skipped or stale run ended without doing anything: for what followed it, that is a cancellation.
        Outcome ended = completed && outcome == null ? Outcome.CANCELLED : outcome;
        String url = url(run.getHtmlUrl(), null);
        String status = run.getStatus() == null ? event.getAction() : run.getStatus().toString();
        CiRunChanged changed = new CiRunChanged(GitProvider.GITHUB, deliveryId, repository, run.getId(), name, run.getDisplayTitle(), run.getHeadBranch(),
                run.getHeadSha(), status, ended, url, actor, Map.of(), instant(started), completed ? instant(run.getUpdatedAt()) : null);
        if (outcome == null) {
            return List.of(changed);
        }
        return List.of(new PipelineFinished(GitProvider.GITHUB, deliveryId, repository, name, run.getHeadBranch(), run.getHeadSha(), conclusion,
                outcome, url, actor, instant(started), instant(run.getUpdatedAt())), changed);
    }

    /**
     * GitHub Actions reports each run twice, as a workflow run and as a check suite: its check suites are ignored here so a
     * run is announced once. Other CI apps report only through check suites.
     */
    private static List<Object> checkSuite(String deliveryId, GHEventPayload.CheckSuite event) throws IOException {
        String repository = repository(event);
        GHCheckSuite suite = event.getCheckSuite();
        requirePresent(suite, "check_suite");
        boolean actions = suite.getApp() != null && "github-actions".equals(suite.getApp().getSlug());
        if (!"completed".equals(event.getAction()) || actions || suite.getConclusion() == null) {
            return List.of();
        }
        Outcome outcome = outcome(suite.getConclusion());
        if (outcome == null) {
            return List.of();
        }
        String name = suite.getApp() != null && suite.getApp().getName() != null ? suite.getApp().getName() : "checks";
        // A check suite has no page of its own; the commit's checks tab shows it.
        String url = event.getRepository().getHtmlUrl() + "/commit/" + suite.getHeadSha() + "/checks";
        return List.of(new PipelineFinished(GitProvider.GITHUB, deliveryId, repository, name, suite.getHeadBranch(), suite.getHeadSha(),
                suite.getConclusion(), outcome, url, login(event.getSender()), instant(suite.getCreatedAt()), instant(suite.getUpdatedAt())));
    }

    /** GitHub's conclusions; null for runs that did not really run (skipped, stale) and are not worth announcing. */
    private static Outcome outcome(String conclusion) {
        return switch (conclusion.toLowerCase(Locale.ROOT)) {
            case "success", "neutral" -> Outcome.SUCCESS;
            case "failure", "timed_out", "startup_failure", "action_required" -> Outcome.FAILURE;
            case "cancelled" -> Outcome.CANCELLED;
            default -> null;
        };
    }

    private static DeploymentStatusChanged deploymentStatus(String deliveryId, GHEventPayload.DeploymentStatus event) throws IOException {
        String repository = repository(event);
        GHDeploymentStatus status = event.getDeploymentStatus();
        GHDeployment deployment = event.getDeployment();
        requirePresent(status, "deployment_status");
        requirePresent(status.getState(), "deployment_status.state");
        requirePresent(deployment, "deployment");
        Outcome outcome = switch (status.getState()) {
            case SUCCESS -> Outcome.SUCCESS;
            case FAILURE, ERROR -> Outcome.FAILURE;
            default -> null;
        };
        String url = Stream.<Supplier<URL>>of(status::getEnvironmentUrl, status::getLogUrl, status::getTargetUrl)
                .map(GitHubPayloads::optionalUrl).filter(Objects::nonNull).findFirst().orElse(null);
        return new DeploymentStatusChanged(GitProvider.GITHUB, deliveryId, repository, deployment.getEnvironment(),
                status.getState().name().toLowerCase(Locale.ROOT), outcome, deployment.getRef(), deployment.getSha(), url,
                login(event.getSender()), instant(status.getCreatedAt()), String.valueOf(deployment.getId()), null);
    }

    /**
     * Publishing a full release sends both {@code published} and {@code released}; {@code published} alone covers
     * releases and pre-releases, so {@code released} is ignored to announce each release once.
     */
    private static List<Object> release(String deliveryId, GHEventPayload.Release event) throws IOException {
        if (!"published".equals(event.getAction())) {
            return List.of();
        }
        String repository = repository(event);
        GHRelease release = event.getRelease();
        requirePresent(release, "release");
        requirePresent(release.getTagName(), "release.tag_name");
        return List.of(new ReleasePublished(GitProvider.GITHUB, deliveryId, repository, release.getTagName(), release.getName(),
                url(release.getHtmlUrl(), null), login(event.getSender()), release.isPrerelease()));
    }

    private static IssueChanged issue(String deliveryId, GHEventPayload.Issue event) throws IOException {
        String repository = repository(event);
        GHIssue issue = event.getIssue();
        requirePresent(issue, "issue");
        requirePresent(event.getAction(), "action");
        return new IssueChanged(GitProvider.GITHUB, deliveryId, repository, event.getAction(), issue.getNumber(), issue.getTitle(),
                issue.getLabels() == null ? List.of() : issue.getLabels().stream().map(GHLabel::getName).toList(), login(issue.getUser()),
                login(event.getSender()), url(issue.getHtmlUrl(), null));
    }

    private static String repository(GHEventPayload event) throws IOException {
        requirePresent(event.getRepository(), "repository");
        return event.getRepository().getFullName();
    }

    /** GHIssueComment.getUser() fetches the user from the API; the payload's login is enough. */
    private static String commenter(String login, GHEventPayload event) {
        return login != null ? login : login(event.getSender());
    }

    private static String login(GHUser user) {
        return user == null ? null : user.getLogin();
    }

    private static String url(URL url, URL fallback) {
        URL chosen = url != null ? url : fallback;
        return chosen == null ? null : chosen.toString();
    }

    /** GitHub sends {@code ""} for a URL it does not have, which github-api refuses to turn into a URL. */
    private static String optionalUrl(Supplier<URL> getter) {
        try {
            URL url = getter.get();
            return url == null || url.toString().isBlank() ? null : url.toString();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** Fails the delivery with a 400 now, rather than a listener later. */
    private static void requirePresent(Object value, String field) throws IOException {
        if (value == null) {
            throw new IOException("the payload has no " + field);
        }
    }

    /**
     * A commit may come without {@code added}/{@code removed}/{@code modified} (hand-written deliveries, trimmed payloads):
     * github-api's getters then throw a NullPointerException rather than return null, and such a push is still a push.
     */
    private static List<String> listed(Supplier<List<String>> files) {
        try {
            return files.get();
        } catch (NullPointerException absent) {
            return List.of();
        }
    }

    @SafeVarargs
    static List<String> files(List<String>... lists) {
        return java.util.Arrays.stream(lists).filter(java.util.Objects::nonNull).flatMap(List::stream).toList();
    }

    private static String name(GitUser user) {
        if (user == null) {
            return "unknown";
        }
        return Optional.ofNullable(user.getUsername()).filter(s -> !s.isBlank()).orElse(user.getName());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
