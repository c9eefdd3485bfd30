package com.ticolops.bot.notification;

import com.ticolops.bot.repository.Repositories;
import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.CommentAdded;
import com.ticolops.integrations.git.DeploymentStatusChanged;
import com.ticolops.integrations.git.IssueChanged;
import com.ticolops.integrations.git.PipelineFinished;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import com.ticolops.integrations.git.ReleasePublished;
import com.ticolops.integrations.git.RepositoryActivity;
import com.ticolops.integrations.git.ReviewSubmitted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Announces what happens in connected repositories (pushes, pull requests, reviews, comments, pipelines, deployments,
 * releases, issues) in the channels subscribed to them. Runs after the webhook's transaction commits; the announcements
 * it requests are themselves registered events, so a crash between here and the chat platform loses nothing.
 */
@Component
class GitAnnouncements {

    private final Repositories repositories;
    private final Subscriptions subscriptions;
    private final ApplicationEventPublisher events;

    GitAnnouncements(Repositories repositories, Subscriptions subscriptions, ApplicationEventPublisher events) {
        this.repositories = repositories;
        this.subscriptions = subscriptions;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(PushReceived push) {
        announce(push, GitMessages.push(push));
    }

    @ApplicationModuleListener
    void on(PullRequestChanged pullRequest) {
        announce(pullRequest, GitMessages.pullRequest(pullRequest));
    }

    @ApplicationModuleListener
    void on(ReviewSubmitted review) {
        announce(review, GitMessages.review(review));
    }

    @ApplicationModuleListener
    void on(CommentAdded comment) {
        announce(comment, GitMessages.comment(comment));
    }

    @ApplicationModuleListener
    void on(PipelineFinished pipeline) {
        announce(pipeline, GitMessages.pipeline(pipeline));
    }

    @ApplicationModuleListener
    void on(DeploymentStatusChanged deployment) {
        announce(deployment, GitMessages.deployment(deployment));
    }

    @ApplicationModuleListener
    void on(ReleasePublished release) {
        announce(release, GitMessages.release(release));
    }

    @ApplicationModuleListener
    void on(IssueChanged issue) {
        announce(issue, GitMessages.issue(issue));
    }

    /** To every channel subscribed to this kind of event of the repository whose filters let it through. */
    private void announce(RepositoryActivity activity, Reply message) {
        repositories.find(activity.provider(), activity.repository()).ifPresent(repository -> {
            for (Subscriptions.Subscription subscription : subscriptions.ofRepository(repository.id(), activity.feature())) {
                SubscriptionFilters.Audience audience = subscription.filters().isEmpty() ? null
                        : subscriptions.audience(subscription.createdBy(), repository.projectId(), activity.provider());
                if (audience == null || subscription.filters().matches(activity, audience)) {
                    events.publishEvent(new AnnouncementRequested(subscription.conversation(), message));
                }
            }
        });
    }
}
