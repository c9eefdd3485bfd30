package com.ticolops.bot.notification;

/**
 * Someone should hear about something that concerns them. Publish it (inside the transaction that recorded what
 * happened, or through {@link Notifications#notify}) and the notification module delivers it once, through the event
 * publication registry, as the recipient chose: by their channel, unless they turned the kind off or muted the
 * project, and held until their quiet hours are over.
 *
 * @param recipient      the user to tell
 * @param subject        one line, e.g. "alice asked you to review acme/shop#12"
 * @param text           the details, plain text; may be empty
 * @param link           where to read more (the pull request, the deployment), or null
 * @param idempotencyKey the same for every publication of the same news to the same person, e.g.
 *                       {@code github:delivery-id:review-requested}: a second publication with the key is dropped
 * @param projectId      the project it is about, for {@code notify mute <project>}; null when none
 */
public record NotificationRequested(long recipient, NotificationKind kind, String subject, String text, String link,
                                    String idempotencyKey, Long projectId) {

    public NotificationRequested {
        if (kind == null || subject == null || subject.isBlank() || idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("a notification needs a kind, a subject and an idempotency key");
        }
        text = text == null ? "" : text;
    }
}
