package com.ticolops.bot.notification;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Delivers each {@link NotificationRequested} after its publisher committed, through the event publication registry:
 * a channel that is down makes the listener throw, the publication stays incomplete, and the resubmission task tries
 * again with a growing wait (housekeeping's FailedEventPublicationResubmission), so nothing is lost.
 * <p>
 * What is guaranteed about repeats: the notification's row ({@link DeliveryLedger}) is written, in its own
 * transaction, before anything is sent, and marked sent right after the channel took it. A redelivery of a sent,
 * skipped or held notification finds its row and sends nothing, however often the registry redelivers it, and a
 * publisher that publishes the same news twice (the same idempotency key) is heard once. The one window left is a
 * crash (or a lost database) between the channel taking the message and the row being marked: the registry delivers
 * it again and it goes out a second time, under the same message id. The console posts a message id once, so there
 * it is exactly once; email keeps its Message-ID and webhooks their {@code webhook-id} for receivers to drop the
 * repeat; a Slack or Discord DM shows twice. At least once, then, and once in every case but that crash.
 * <p>
 * Someone no channel reaches (no chat account this Ticolops talks on, a channel chosen that is not configured) is
 * recorded as unreachable rather than tried again for ever: that is configuration, not an outage.
 * <p>
 * Not in a transaction: the channel's call is outbound and must not hold a database connection while it waits.
 */
@Component
class NotificationDelivery {

    private final DeliveryLedger ledger;
    private final Routes routes;

    NotificationDelivery(DeliveryLedger ledger, Routes routes) {
        this.ledger = ledger;
        this.routes = routes;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(NotificationRequested notification) {
        if (ledger.admit(notification) != DeliveryLedger.State.SENDING) {
            return;
        }
        long userId = notification.recipient();
        List<String> keys = List.of(notification.idempotencyKey());
        if (routes.send(userId, Outgoing.of(notification.kind(), notification.subject(), notification.text(), notification.link()),
                messageId(userId, notification.idempotencyKey()))) {
            ledger.sent(userId, keys);
        } else {
            ledger.unreachable(userId, keys);
        }
    }

    /** The same for every attempt at one notification to one person. */
    static UUID messageId(long userId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((userId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}
