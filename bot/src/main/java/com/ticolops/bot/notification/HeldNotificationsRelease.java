package com.ticolops.bot.notification;

import com.ticolops.scheduler.FrequentTask;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every minute, sends each person whose quiet hours are over what was held for them, as one message. A person whose
 * channel is down keeps their notifications held until a later run gets through; a crash between the send and the
 * rows being marked sends the batch again (under the same message id, see {@link NotificationDelivery}). What no
 * channel can reach any more (the person's only chat account is gone, or the channel they chose is no longer
 * configured) is recorded unreachable rather than tried every minute.
 */
@Component
class HeldNotificationsRelease extends FrequentTask {

    private static final Logger log = LoggerFactory.getLogger(HeldNotificationsRelease.class);

    private final DeliveryLedger ledger;
    private final StoredSettings settings;
    private final PersonalClock clock;
    private final Routes routes;

    HeldNotificationsRelease(DeliveryLedger ledger, StoredSettings settings, PersonalClock clock, Routes routes) {
        super("release-held-notifications", "0 * * * * ?");
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
        this.routes = routes;
    }

    @Override
    public void run() {
        for (long userId : ledger.usersWithHeld()) {
            if (clock.isQuiet(userId, settings.of(userId).quiet())) {
                continue;
            }
            try {
                release(userId);
            } catch (RuntimeException e) {
                log.warn("The notifications held for user {} stay held for a later run: {}", userId, e.getMessage());
            }
        }
    }

    private void release(long userId) {
        List<DeliveryLedger.Held> held = ledger.held(userId);
        if (held.isEmpty()) {
            return;
        }
        List<String> keys = held.stream().map(DeliveryLedger.Held::idempotencyKey).toList();
        Outgoing batch = Outgoing.batch(held.stream().map(one -> Outgoing.of(one.kind(), one.subject(), one.text(), one.link())).toList());
        if (routes.send(userId, batch, NotificationDelivery.messageId(userId, "batch\n" + String.join("\n", keys)))) {
            ledger.sent(userId, keys);
        } else {
            ledger.unreachable(userId, keys);
        }
    }
}
