package com.ticolops.bot.announcement;

import com.ticolops.bot.subscription.Feature;
import com.ticolops.bot.subscription.SubscriptionService;
import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.AnnouncementRequested.Anchor;
import com.ticolops.integrations.chat.Conversation;
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
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Announces what happens in connected repositories (pushes, pull requests, reviews, comments, pipelines, deployments,
 * releases, issues) in the channels subscribed to them. Runs after the webhook's transaction commits; the announcements
 * it requests are themselves registered events, so a crash between here and the chat platform loses nothing.
 * <p>
 * A pull request or an issue is one message per channel: the changes of its state (opened, closed or merged,
 * reopened, draft or ready) update that message in place, and everything else about it (reviews, comments, new
 * commits, labels, review requests) is a reply in its thread.
 *
 * <p>Queued in the webhook delivery's own transaction (plain {@code @EventListener}s, like the repository facts): the
 * delivery is stored with its announcements queued, or not at all; sending them stays the announcement listener's work.
 */
@Component
class GitAnnouncements {

    /** The actions that change what a pull request's message says it is; the others are news about it, replied under it. */
    private static final Set<String> PULL_REQUEST_STATES = Set.of("opened", "reopened", "closed", "ready_for_review", "converted_to_draft");
    private static final Set<String> ISSUE_STATES = Set.of("opened", "reopened", "closed");

    private final SubscriptionService subscriptions;
    private final ApplicationEventPublisher events;
    private final List<TrackedDeployments> tracked;

    GitAnnouncements(SubscriptionService subscriptions, ApplicationEventPublisher events, List<TrackedDeployments> tracked) {
        this.subscriptions = subscriptions;
        this.events = events;
        this.tracked = tracked;
    }

    @EventListener
    void on(PushReceived push) {
        announce(push, Feature.PUSHES, GitMessages.push(push), null);
    }

    @EventListener
    void on(PullRequestChanged pullRequest) {
        String key = AnnouncementKeys.pullRequest(pullRequest.provider(), pullRequest.repository(), String.valueOf(pullRequest.number()));
        announce(pullRequest, Feature.PULLS, GitMessages.pullRequest(pullRequest),
                PULL_REQUEST_STATES.contains(pullRequest.action()) ? Anchor.primary(key, pullRequest.updatedAt()) : Anchor.thread(key));
    }

    @EventListener
    void on(ReviewSubmitted review) {
        announce(review, Feature.REVIEWS, GitMessages.review(review), Anchor.thread(AnnouncementKeys.pullRequest(review.provider(), review.repository(), String.valueOf(review.number()))));
    }

    @EventListener
    void on(CommentAdded comment) {
        Anchor anchor = switch (comment.target()) {
            case PULL_REQUEST -> Anchor.thread(AnnouncementKeys.pullRequest(comment.provider(), comment.repository(), comment.reference()));
            case ISSUE -> Anchor.thread(issueKey(comment.provider(), comment.repository(), comment.reference()));
            case COMMIT, SNIPPET -> null;
        };
        announce(comment, Feature.COMMENTS, GitMessages.comment(comment), anchor);
    }

    @EventListener
    void on(PipelineFinished pipeline) {
        announce(pipeline, Feature.PIPELINES, GitMessages.pipeline(pipeline), null);
    }

    /** A deployment Ticolops made has a message of its own, updated in place: its statuses are not announced again. */
    @EventListener
    void on(DeploymentStatusChanged deployment) {
        if (deployment.providerDeploymentId() != null
                && tracked.stream().anyMatch(t -> t.tracks(deployment.provider(), deployment.repository(), deployment.providerDeploymentId()))) {
            return;
        }
        announce(deployment, Feature.DEPLOYMENTS, GitMessages.deployment(deployment), null);
    }

    @EventListener
    void on(ReleasePublished release) {
        announce(release, Feature.RELEASES, GitMessages.release(release), null);
    }

    @EventListener
    void on(IssueChanged issue) {
        String key = issueKey(issue.provider(), issue.repository(), String.valueOf(issue.number()));
        announce(issue, Feature.ISSUES, GitMessages.issue(issue), ISSUE_STATES.contains(issue.action()) ? Anchor.primary(key) : Anchor.thread(key));
    }

    /** An issue's anchor, e.g. {@code gitlab:acme/shop/issues/3}. */
    static String issueKey(GitProvider provider, String repository, String number) {
        return provider.id() + ":" + repository + "/issues/" + number;
    }

    /**
     * To every channel subscribed to this kind of event of the repository whose filters let it through.
     *
     * @param feature what a channel subscribes to to hear of this event
     * @param anchor the pull request or issue the message belongs to, or null for one that stands alone
     */
    private void announce(RepositoryActivity activity, Feature feature, Reply message, Anchor anchor) {
        for (Conversation channel : subscriptions.receivers(feature, activity)) {
            events.publishEvent(new AnnouncementRequested(channel, message, anchor));
        }
    }
}
