package com.ticolops.bot.notification;

import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
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

    private static String commits(int count) {
        return count == 1 ? "1 commit" : count + " commits";
    }
}
