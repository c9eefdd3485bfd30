package com.ticolops.bot.notification;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** For a module that has no transaction of its own to publish {@link NotificationRequested} in. */
@Service
public class Notifications {

    private final ApplicationEventPublisher events;

    Notifications(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Queues the notification in the event publication registry; it is delivered after this commits. */
    @Transactional
    public void notify(NotificationRequested notification) {
        events.publishEvent(notification);
    }
}
