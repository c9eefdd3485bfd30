package com.ticolops.bot.deployment;

import com.ticolops.bot.announcement.AnnouncementKeys;
import com.ticolops.bot.history.OpenPullRequests;
import com.ticolops.bot.subscription.Feature;
import com.ticolops.bot.subscription.SubscriptionService;
import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.AnnouncementRequested.Anchor;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.RepositoryActivity;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes a deployment's one message, anchored on {@code deployment:<id>}: posted the first time in each channel, then
 * updated in place (see {@code AnnouncementDelivery}). It goes where the deployment was asked from and to the channels
 * subscribed to the repository's deployments. Call inside the transaction that changed the deployment, so the message
 * is queued exactly when the change is committed.
 */
@Component
class DeploymentAnnouncements {

    private final SubscriptionService subscriptions;
    private final DeploymentRecords records;
    private final OpenPullRequests pullRequests;
    private final ApplicationEventPublisher events;

    DeploymentAnnouncements(SubscriptionService subscriptions, DeploymentRecords records, OpenPullRequests pullRequests, ApplicationEventPublisher events) {
        this.subscriptions = subscriptions;
        this.records = records;
        this.pullRequests = pullRequests;
        this.events = events;
    }

    void publish(Deployment deployment) {
        boolean canRollBack = deployment.status() == DeploymentStatus.FAILED
                && records.lastSuccess(deployment.environmentId(), deployment.id()).isPresent();
        Reply message = DeploymentMessages.of(deployment, canRollBack);
        Anchor anchor = Anchor.primary(key(deployment.id()), deployment.changedAt());
        Set<Conversation> channels = new LinkedHashSet<>();
        if (deployment.conversation() != null) {
            channels.add(deployment.conversation());
        }
        channels.addAll(subscriptions.receivers(Feature.DEPLOYMENTS, new Activity(deployment)));
        for (Conversation channel : channels) {
            events.publishEvent(new AnnouncementRequested(channel, message, anchor));
        }
    }

    /**
     * A preview environment's deployment of a branch with an open pull request: its link goes into that pull request's
     * thread, in the channels that get the repository's pull requests (a channel without the pull request's message gets
     * it on its own).
     */
    void previewInPullRequest(Deployment deployment) {
        if (deployment.status() != DeploymentStatus.SUCCESS || deployment.environmentUrl() == null
                || !deployment.environment().toLowerCase(java.util.Locale.ROOT).startsWith("preview")) {
            return;
        }
        pullRequests.from(deployment.repository().id(), deployment.ref()).ifPresent(pullRequest -> {
            Reply message = Reply.inChannel("Preview of " + (deployment.repository().provider() == GitProvider.GITLAB ? "!" : "#") + pullRequest.number()
                    + " (" + deployment.shortSha() + ") is up at " + deployment.environmentUrl()).withLink("Open preview", deployment.environmentUrl());
            Anchor thread = Anchor.thread(AnnouncementKeys.pullRequest(deployment.repository().provider(), deployment.repository().fullName(),
                    String.valueOf(pullRequest.number())));
            for (Conversation channel : subscriptions.receivers(Feature.PULLS, new PullRequestActivity(deployment, pullRequest.targetBranch()))) {
                events.publishEvent(new AnnouncementRequested(channel, message, thread));
            }
        });
    }

    /** The pull request as subscription filters see it: its repository and the branch it targets. */
    private record PullRequestActivity(Deployment deployment, String targetBranch) implements RepositoryActivity {

        @Override
        public GitProvider provider() {
            return deployment.repository().provider();
        }

        @Override
        public String repository() {
            return deployment.repository().fullName();
        }

        @Override
        public String actor() {
            return deployment.requestedByName();
        }

        @Override
        public String branch() {
            return targetBranch;
        }
    }

    static String key(long deploymentId) {
        return "deployment:" + deploymentId;
    }

    /** The deployment as subscription filters see it: its repository, branch, environment, who asked and how it ended. */
    private record Activity(Deployment deployment) implements RepositoryActivity {

        @Override
        public GitProvider provider() {
            return deployment.repository().provider();
        }

        @Override
        public String repository() {
            return deployment.repository().fullName();
        }

        @Override
        public String actor() {
            return deployment.requestedByName();
        }

        @Override
        public String branch() {
            return deployment.ref();
        }

        @Override
        public String environment() {
            return deployment.environment();
        }

        @Override
        public Outcome outcome() {
            return switch (deployment.status()) {
                case SUCCESS -> Outcome.SUCCESS;
                case FAILED -> Outcome.FAILURE;
                case CANCELLED -> Outcome.CANCELLED;
                case PENDING, QUEUED, BUILDING -> null;
            };
        }
    }
}
