package com.ticolops.bot.conflict;

import com.ticolops.bot.notification.NotificationKind;
import com.ticolops.bot.notification.NotificationRequested;
import java.util.List;
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
        // Once per person and severity: someone who left and came back, or a redelivery, is not told twice. Telling
        // everyone at each newcomer would send a crowded directory's people a message for every colleague who opens a file.
        for (long person : conflict.toTell()) {
            events.publishEvent(new NotificationRequested(person, NotificationKind.CONFLICTS, conflict.sentence(), files(conflict.files()),
                    null, "conflict:" + conflict.conflictId() + ":" + person + ":" + conflict.severity().id(), conflict.projectId()));
        }
    }

    /** One per line; a crowded directory's first few, and how many more. */
    private static String files(List<String> files) {
        return files.size() <= ConflictMessages.NAMED ? String.join("\n", files)
                : String.join("\n", files.subList(0, ConflictMessages.NAMED)) + "\nand " + (files.size() - ConflictMessages.NAMED) + " more files";
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
