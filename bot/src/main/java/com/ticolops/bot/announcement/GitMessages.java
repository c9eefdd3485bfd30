package com.ticolops.bot.announcement;

import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.CommentAdded;
import com.ticolops.integrations.git.DeploymentStatusChanged;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.IssueChanged;
import com.ticolops.integrations.git.PipelineFinished;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import com.ticolops.integrations.git.ReleasePublished;
import com.ticolops.integrations.git.RepositoryActivity;
import com.ticolops.integrations.git.ReviewSubmitted;
import java.time.Duration;
import java.util.stream.Collectors;

/** Short, scannable announcement texts: who, what, where, and a link. */
final class GitMessages {

    private static final int COMMITS_SHOWN = 10;

    private GitMessages() {
    }

    static Reply push(PushReceived push) {
        String kind = push.isTag() ? "tag" : "branch";
        String where = " in " + push.repository();
        int count = push.commits().size();
        String text;
        if (push.deleted()) {
            text = push.pusher() + " deleted " + kind + " " + push.refName() + where;
        } else if (push.isTag()) {
            text = push.pusher() + " pushed tag " + push.refName() + where;
        } else if (push.created()) {
            text = push.pusher() + " created branch " + push.refName() + where + (count == 0 ? "" : " with " + commits(count));
        } else {
            text = push.pusher() + (push.forced() ? " force-pushed " : " pushed ") + commits(count) + " to " + push.refName() + where;
        }
        Reply reply = Reply.inChannel(text);
        if (count > 0) {
            String lines = push.commits().stream().limit(COMMITS_SHOWN)
                    .map(c -> c.sha().substring(0, Math.min(7, c.sha().length())) + " " + c.message() + " — " + c.author())
                    .collect(Collectors.joining("\n"));
            reply = reply.withSection("Commits", count > COMMITS_SHOWN ? lines + "\n…and " + (count - COMMITS_SHOWN) + " more" : lines);
        }
        if (push.compareUrl() != null && !push.deleted()) {
            reply = reply.withLink(count == 1 ? "View commit" : "Compare changes", count == 1 ? push.commits().get(0).url() : push.compareUrl());
        }
        return reply;
    }

    static Reply pullRequest(PullRequestChanged pr) {
        boolean gitlab = pr.provider() == GitProvider.GITLAB;
        String kind = gitlab ? "merge request" : "pull request";
        String text = pr.actor() + " " + verb(pr) + " " + kind + (gitlab ? " !" : " #") + pr.number() + " \"" + pr.title() + "\" in "
                + pr.repository() + " (" + pr.sourceBranch() + " → " + pr.targetBranch() + ")";
        Reply reply = Reply.inChannel(text);
        if (pr.author() != null) {
            reply = reply.withField("Author", pr.author());
        }
        return reply.withLink("View " + kind, pr.url());
    }

    private static String verb(PullRequestChanged pr) {
        return switch (pr.action()) {
            case "closed" -> pr.merged() ? "merged" : "closed";
            case "ready_for_review" -> "marked ready for review";
            case "converted_to_draft" -> "converted to draft";
            case "synchronize" -> "pushed new commits to";
            case "review_requested" -> "requested a review on";
            case "review_request_removed" -> "withdrew a review request on";
            case "opened" -> pr.draft() ? "opened draft" : "opened";
            default -> pr.action().replace('_', ' ');
        };
    }

    static Reply review(ReviewSubmitted review) {
        String verb = switch (review.state()) {
            case "approved" -> "approved";
            case "changes_requested" -> "requested changes on";
            case "unapproved" -> "withdrew their approval of";
            default -> "reviewed";
        };
        Reply reply = Reply.inChannel(who(review.reviewer()) + " " + verb + " " + pullRequest(review.provider(), String.valueOf(review.number())) + " \"" + review.title()
                + "\" in " + review.repository());
        if (review.excerpt() != null) {
            reply = reply.withSection("Review", review.excerpt());
        }
        if (review.pullRequestAuthor() != null) {
            reply = reply.withField("Author", review.pullRequestAuthor());
        }
        return link(reply, "View review", review.url());
    }

    static Reply comment(CommentAdded comment) {
        String on = switch (comment.target()) {
            case PULL_REQUEST -> pullRequest(comment.provider(), comment.reference()) + titled(comment.title());
            case ISSUE -> "issue #" + comment.reference() + titled(comment.title());
            case COMMIT -> "commit " + shortSha(comment.reference());
            case SNIPPET -> "snippet $" + comment.reference() + titled(comment.title());
        };
        Reply reply = Reply.inChannel(who(comment.author()) + " commented on " + on + " in " + comment.repository());
        if (comment.excerpt() != null) {
            reply = reply.withSection("Comment", comment.excerpt());
        }
        if (comment.path() != null) {
            reply = reply.withField("File", comment.path());
        }
        return link(reply, "View comment", comment.url());
    }

    static Reply pipeline(PipelineFinished pipeline) {
        String verb = switch (pipeline.outcome()) {
            case SUCCESS -> "passed";
            case FAILURE -> "failed" + detail(pipeline.status(), "failure", "failed");
            case CANCELLED -> "was cancelled";
        };
        String where = (pipeline.branch() == null ? "" : " on " + pipeline.branch()) + " in " + pipeline.repository()
                + (pipeline.sha() == null ? "" : " (" + shortSha(pipeline.sha()) + ")");
        Reply reply = Reply.inChannel(pipeline.name() + " " + verb + where);
        if (pipeline.actor() != null) {
            reply = reply.withField("Triggered by", pipeline.actor());
        }
        if (pipeline.startedAt() != null && pipeline.finishedAt() != null && !pipeline.finishedAt().isBefore(pipeline.startedAt())) {
            reply = reply.withField("Duration", duration(Duration.between(pipeline.startedAt(), pipeline.finishedAt())));
        }
        return link(reply, pipeline.provider() == GitProvider.GITLAB ? "View pipeline" : "View run", pipeline.url());
    }

    static Reply deployment(DeploymentStatusChanged deployment) {
        String verb = switch (deployment.state()) {
            case "success" -> "succeeded";
            case "failure", "error", "failed" -> "failed";
            case "canceled", "cancelled" -> "was cancelled";
            case "pending", "queued", "created", "waiting" -> "is queued";
            case "in_progress", "running" -> "is in progress";
            default -> "is " + deployment.state().replace('_', ' ');
        };
        String what = deployment.ref() == null ? "" : " of " + deployment.ref();
        String text = "Deployment" + what + " to " + deployment.environment() + " " + verb + " in " + deployment.repository()
                + (deployment.sha() == null ? "" : " (" + shortSha(deployment.sha()) + ")");
        Reply reply = Reply.inChannel(text);
        if (deployment.actor() != null) {
            reply = reply.withField("By", deployment.actor());
        }
        return link(reply, deployment.outcome() == RepositoryActivity.Outcome.SUCCESS ? "Open " + deployment.environment() : "View deployment",
                deployment.url());
    }

    static Reply release(ReleasePublished release) {
        String kind = release.prerelease() ? "pre-release " : "release ";
        String named = release.name() == null || release.name().isBlank() || release.name().equals(release.tag())
                ? release.tag() : release.name() + " (" + release.tag() + ")";
        String text = release.actor() == null
                ? "New " + kind + named + " in " + release.repository()
                : release.actor() + " published " + kind + named + " in " + release.repository();
        return link(Reply.inChannel(text), "View release", release.url());
    }

    static Reply issue(IssueChanged issue) {
        String verb = switch (issue.action()) {
            case "milestoned" -> "added a milestone to";
            case "demilestoned" -> "removed the milestone of";
            default -> issue.action().replace('_', ' ');
        };
        Reply reply = Reply.inChannel(who(issue.actor()) + " " + verb + " issue #" + issue.number() + titled(issue.title()) + " in " + issue.repository());
        if (!issue.labels().isEmpty()) {
            reply = reply.withField("Labels", String.join(", ", issue.labels()));
        }
        if (issue.author() != null && !issue.author().equals(issue.actor())) {
            reply = reply.withField("Author", issue.author());
        }
        return link(reply, "View issue", issue.url());
    }

    private static String pullRequest(GitProvider provider, String number) {
        return provider == GitProvider.GITLAB ? "merge request !" + number : "pull request #" + number;
    }

    private static String who(String name) {
        return name == null ? "someone" : name;
    }

    private static String titled(String title) {
        return title == null || title.isBlank() ? "" : " \"" + title + "\"";
    }

    /** The provider's own word when it says more than the outcome, e.g. "failed (timed out)". */
    private static String detail(String status, String... plain) {
        for (String word : plain) {
            if (word.equals(status)) {
                return "";
            }
        }
        return status == null ? "" : " (" + status.replace('_', ' ') + ")";
    }

    private static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }

    private static String shortSha(String sha) {
        return sha.substring(0, Math.min(7, sha.length()));
    }

    /** Some events have no page to link (a payload without a URL): then the announcement has no button. */
    private static Reply link(Reply reply, String label, String url) {
        return url == null || url.isBlank() ? reply : reply.withLink(label, url);
    }

    private static String commits(int count) {
        return count == 1 ? "1 commit" : count + " commits";
    }
}
