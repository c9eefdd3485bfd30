package com.ticolops.bot.conflict;

import com.ticolops.bot.notification.NotificationKind;
import com.ticolops.bot.notification.NotificationRequested;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells each person a conflict involves, and the author of a pull request that no longer merges, through their own
 * notification channel. In the transaction that found it (a plain {@code @EventListener}), so the notice is recorded
 * with the conflict or not at all.
 */
@Component
class ConflictNotices {

    private final ApplicationEventPublisher events;

    ConflictNotices(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void on(ConflictDetected conflict) {
        // The same people and files are the same news: a redelivery, or a change back and forth, is not told twice.
        String state = new TreeSet<>(conflict.userIds()) + ":" + new TreeSet<>(conflict.files()).hashCode();
        for (long person : conflict.userIds()) {
            events.publishEvent(new NotificationRequested(person, NotificationKind.CONFLICTS, conflict.sentence(), String.join("\n", conflict.files()),
                    null, "conflict:" + conflict.conflictId() + ":" + state, conflict.projectId()));
        }
    }

    @EventListener
    void on(PullRequestUnmergeable pullRequest) {
        if (pullRequest.authorUserId() == null) {
            return;
        }
        events.publishEvent(new NotificationRequested(pullRequest.authorUserId(), NotificationKind.CONFLICTS, pullRequest.sentence(), "", null,
                "unmergeable:" + pullRequest.provider().id() + ":" + pullRequest.repository() + "#" + pullRequest.number() + ":" + pullRequest.pushDeliveryId(),
                pullRequest.projectId()));
    }
}
