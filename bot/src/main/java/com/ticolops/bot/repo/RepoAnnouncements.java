package com.ticolops.bot.repo;

import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.Reply;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the channel a repository was connected or disconnected, or its webhook given a new secret. Listens
 * synchronously, so the announcement is queued in the transaction that made the change: a crash keeps both or neither.
 */
@Component
class RepoAnnouncements {

    private final ApplicationEventPublisher events;

    RepoAnnouncements(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void on(RepositoryConnected connected) {
        announce(connected.by(), " connected ", connected.repository(), " to ", connected.projectName());
    }

    @EventListener
    void on(RepositoryDisconnected disconnected) {
        announce(disconnected.by(), " disconnected ", disconnected.repository(), " from ", disconnected.projectName());
    }

    @EventListener
    void on(WebhookSecretRotated rotated) {
        announce(rotated.by(), " gave the webhook of ", rotated.repository(), " a new secret, in ", rotated.projectName());
    }

    private void announce(Requester by, String did, Repositories.Ref repository, String preposition, String projectName) {
        events.publishEvent(new AnnouncementRequested(by.conversation(), Reply.inChannel(by.user().mention() + did
                + GitHosts.label(repository.provider()) + " repository " + repository.fullName() + preposition + projectName + ".")));
    }
}
