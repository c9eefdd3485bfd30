package com.ticolops.bot.notification;

import com.ticolops.bot.project.Projects;
import com.ticolops.bot.repository.Repositories;
import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Announces pushes and pull requests of connected repositories in every channel of their project. Runs after the
 * webhook's transaction commits; the announcements it requests are themselves registered events, so a crash between
 * here and the chat platform loses nothing.
 */
@Component
class GitAnnouncements {

    private final Repositories repositories;
    private final Projects projects;
    private final ApplicationEventPublisher events;

    GitAnnouncements(Repositories repositories, Projects projects, ApplicationEventPublisher events) {
        this.repositories = repositories;
        this.projects = projects;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(PushReceived push) {
        announce(push.provider(), push.repository(), GitMessages.push(push));
    }

    @ApplicationModuleListener
    void on(PullRequestChanged pullRequest) {
        announce(pullRequest.provider(), pullRequest.repository(), GitMessages.pullRequest(pullRequest));
    }

    private void announce(GitProvider provider, String repository, Reply message) {
        repositories.projectOf(provider, repository).ifPresent(projectId -> projects.channelsOf(projectId)
                .forEach(channel -> events.publishEvent(new AnnouncementRequested(channel, message))));
    }
}
