package com.ticolops.bot.notification;

import com.ticolops.bot.repo.Repositories;
import com.ticolops.bot.user.IdentityKind;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.git.CommentAdded;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.ReviewSubmitted;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Who a pull request, comment or review concerns: the people asked to review and the {@code @login}s mentioned, mapped
 * to people by their linked GitHub and GitLab names; a login nobody linked is nobody to notify. No one hears about
 * what they did themselves. Each notification is published in this listener's transaction, keyed by the delivery,
 * the kind and the login, so a redelivered webhook or event notifies no one twice.
 * <p>
 * The other triggers come from other modules' events, which publish {@link NotificationRequested} themselves:
 * deployments (the requester's deployment finished or failed, kind {@code MY_DEPLOYMENTS}), conflicts involving a
 * person ({@code CONFLICTS}), incidents and blockers assigned to them ({@code INCIDENTS}, {@code BLOCKERS}).
 */
@Component
class GitNotifications {

    private final Users users;
    private final Repositories repositories;
    private final ApplicationEventPublisher events;

    GitNotifications(Users users, Repositories repositories, ApplicationEventPublisher events) {
        this.users = users;
        this.repositories = repositories;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(PullRequestChanged change) {
        String where = change.repository() + "#" + change.number();
        for (String login : change.requestedReviewers()) {
            notify(change.provider(), change.deliveryId(), change.repository(), change.actor(), login, NotificationKind.REVIEW_REQUESTED,
                    change.actor() + " asked you to review " + where, change.title(), change.url());
        }
        for (String login : change.mentions()) {
            if (change.requestedReviewers().stream().noneMatch(login::equalsIgnoreCase)) {
                notify(change.provider(), change.deliveryId(), change.repository(), change.actor(), login, NotificationKind.MENTIONED,
                        change.actor() + " mentioned you in " + where, change.title(), change.url());
            }
        }
    }

    @ApplicationModuleListener
    void on(CommentAdded comment) {
        String on = switch (comment.target()) {
            case PULL_REQUEST, ISSUE -> comment.repository() + "#" + comment.reference();
            case COMMIT -> "commit " + comment.reference().substring(0, Math.min(7, comment.reference().length())) + " of " + comment.repository();
            case SNIPPET -> "a snippet of " + comment.repository();
        };
        for (String login : comment.mentions()) {
            notify(comment.provider(), comment.deliveryId(), comment.repository(), comment.author(), login, NotificationKind.MENTIONED,
                    comment.author() + " mentioned you in a comment on " + on, comment.excerpt(), comment.url());
        }
    }

    @ApplicationModuleListener
    void on(ReviewSubmitted review) {
        for (String login : review.mentions()) {
            notify(review.provider(), review.deliveryId(), review.repository(), review.reviewer(), login, NotificationKind.MENTIONED,
                    review.reviewer() + " mentioned you in a review of " + review.repository() + "#" + review.number(), review.excerpt(), review.url());
        }
    }

    private void notify(GitProvider provider, String deliveryId, String repository, String actor, String login, NotificationKind kind,
                        String subject, String text, String link) {
        if (login.equalsIgnoreCase(actor)) {
            return;
        }
        IdentityKind identity = provider == GitProvider.GITHUB ? IdentityKind.GITHUB : IdentityKind.GITLAB;
        Optional<Long> person = users.find(identity, login);
        if (person.isEmpty()) {
            return;
        }
        Long project = repositories.projectOf(provider, repository).orElse(null);
        String key = provider.name().toLowerCase(Locale.ROOT) + ":" + deliveryId + ":" + kind.id() + ":" + login.toLowerCase(Locale.ROOT);
        events.publishEvent(new NotificationRequested(person.get(), kind, subject, text, link, key, project));
    }
}
