package com.ticolops.bot.deployment;

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
    private final ApplicationEventPublisher events;

    DeploymentAnnouncements(SubscriptionService subscriptions, DeploymentRecords records, ApplicationEventPublisher events) {
        this.subscriptions = subscriptions;
        this.records = records;
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
