package com.ticolops.bot.deployment;

import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.DeployClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The one message a deployment is shown as, from pending to its end. */
final class DeploymentMessages {

    private static final int COMMITS_SHOWN = 10;

    private DeploymentMessages() {
    }

    /** @param canRollBack the environment has an earlier successful deployment to go back to */
    static Reply of(Deployment deployment, boolean canRollBack) {
        Reply reply = Reply.inChannel((deployment.rollbackOf() == null ? "Deployment #" : "Rollback #") + deployment.id() + ": "
                        + deployment.repository().fullName() + " " + deployment.shortSha() + " (" + deployment.ref() + ") to " + deployment.environment()
                        + " — " + status(deployment))
                .withField("Status", status(deployment) + " · " + elapsed(deployment))
                .withField("Asked by", deployment.requestedByName());
        if (deployment.rollbackOf() != null) {
            reply = reply.withField("Rollback of", "#" + deployment.rollbackOf());
        }
        if (deployment.overrideReason() != null) {
            reply = reply.withField("Freeze overridden", deployment.overrideReason());
        }
        if (deployment.note() != null) {
            reply = reply.withField("Note", deployment.note());
        }
        if (!deployment.commits().isEmpty()) {
            reply = reply.withSection(commitsTitle(deployment.commits()), commitLines(deployment.commits()));
        }
        if (deployment.failureLog() != null) {
            reply = reply.withSection("Last lines of the failing job's log", deployment.failureLog());
        }
        if (deployment.failureHint() != null) {
            reply = reply.withSection("Hint", deployment.failureHint());
        }
        if (deployment.status() == DeploymentStatus.SUCCESS && deployment.environmentUrl() != null) {
            reply = reply.withLink("Open " + deployment.environment(), deployment.environmentUrl());
        }
        if (deployment.logsUrl() != null) {
            reply = reply.withLink("View logs", deployment.logsUrl());
        }
        if (deployment.status() == DeploymentStatus.FAILED && canRollBack) {
            reply = reply.withAction("Roll back", "rollback " + deployment.repository().fullName() + " " + deployment.environment());
        }
        return reply;
    }

    static String status(Deployment deployment) {
        if (deployment.waiting()) {
            return "queued behind another deployment";
        }
        return switch (deployment.status()) {
            case PENDING -> "pending";
            case QUEUED -> "queued";
            case BUILDING -> "building";
            case SUCCESS -> "succeeded";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }

    /** "3 commits, by alice, bob" */
    static String commitSummary(List<DeployClient.Commit> commits) {
        if (commits.isEmpty()) {
            return "no new commits";
        }
        String authors = commits.stream().map(DeployClient.Commit::author).filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new))
                .stream().collect(Collectors.joining(", "));
        return (commits.size() == 1 ? "1 commit" : commits.size() + " commits") + (authors.isEmpty() ? "" : ", by " + authors);
    }

    static String commitLines(List<DeployClient.Commit> commits) {
        String lines = commits.stream().skip(Math.max(0, commits.size() - COMMITS_SHOWN))
                .map(c -> Deployments.shortSha(c.sha()) + " " + firstLine(c.title()) + (c.author() == null ? "" : " — " + c.author())
                        + (c.url() == null ? "" : " " + c.url()))
                .collect(Collectors.joining("\n"));
        return commits.size() > COMMITS_SHOWN ? "…and " + (commits.size() - COMMITS_SHOWN) + " earlier\n" + lines : lines;
    }

    private static String commitsTitle(List<DeployClient.Commit> commits) {
        return "Ships " + commitSummary(commits);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** From the request to the end, or to the latest step while it runs. */
    static String elapsed(Deployment deployment) {
        Instant end = deployment.finishedAt() != null ? deployment.finishedAt() : deployment.changedAt();
        return duration(Duration.between(deployment.pendingAt(), end));
    }

    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
}
