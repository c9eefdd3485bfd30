package com.ticolops.bot.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a notification is about; each can be turned off with {@code notify on <kind> off}. */
public enum NotificationKind {
    REVIEW_REQUESTED, MENTIONED, MY_DEPLOYMENTS, CONFLICTS, INCIDENTS, BLOCKERS;

    /** As typed in chat and stored: {@code review-requested}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<NotificationKind> of(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id().equals(id)).findFirst();
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(NotificationKind::id).toList();
    }
}
