package com.ticolops.bot.notification;

import com.ticolops.bot.project.Projects;
import com.ticolops.bot.repository.Repositories;
import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.CommentAdded;
import com.ticolops.integrations.git.DeploymentStatusChanged;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.IssueChanged;
import com.ticolops.integrations.git.PipelineFinished;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import com.ticolops.integrations.git.ReleasePublished;
import com.ticolops.integrations.git.ReviewSubmitted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Announces what happens in connected repositories (pushes, pull requests, reviews, comments, pipelines, deployments,
 * releases, issues) in every channel of their project. Runs after the webhook's transaction commits; the announcements
 * it requests are themselves registered events, so a crash between here and the chat platform loses nothing.
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

    @ApplicationModuleListener
    void on(ReviewSubmitted review) {
        announce(review.provider(), review.repository(), GitMessages.review(review));
    }

    @ApplicationModuleListener
    void on(CommentAdded comment) {
        announce(comment.provider(), comment.repository(), GitMessages.comment(comment));
    }

    @ApplicationModuleListener
    void on(PipelineFinished pipeline) {
        announce(pipeline.provider(), pipeline.repository(), GitMessages.pipeline(pipeline));
    }

    @ApplicationModuleListener
    void on(DeploymentStatusChanged deployment) {
        announce(deployment.provider(), deployment.repository(), GitMessages.deployment(deployment));
    }

    @ApplicationModuleListener
    void on(ReleasePublished release) {
        announce(release.provider(), release.repository(), GitMessages.release(release));
    }

    @ApplicationModuleListener
    void on(IssueChanged issue) {
        announce(issue.provider(), issue.repository(), GitMessages.issue(issue));
    }

    private void announce(GitProvider provider, String repository, Reply message) {
        repositories.projectOf(provider, repository).ifPresent(projectId -> projects.channelsOf(projectId)
                .forEach(channel -> events.publishEvent(new AnnouncementRequested(channel, message))));
    }
}
