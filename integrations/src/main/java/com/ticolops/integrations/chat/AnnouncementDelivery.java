package com.ticolops.integrations.chat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Delivers announcements to the platform of their channel. Runs after the requesting transaction commits; a failure
 * leaves the publication incomplete in the registry, to be delivered again.
 */
@Component
class AnnouncementDelivery {

    private final Map<Platform, ChatSender> senders;

    AnnouncementDelivery(List<ChatSender> senders) {
        this.senders = senders.stream().collect(Collectors.toUnmodifiableMap(ChatSender::platform, Function.identity()));
    }

    @ApplicationModuleListener
    void on(AnnouncementRequested announcement) {
        Platform platform = announcement.conversation().platform();
        ChatSender sender = senders.get(platform);
        if (sender == null) {
            throw new IllegalStateException("No sender for " + platform.id() + " is configured; the announcement stays queued");
        }
        sender.post(announcement.conversation().channelId(), announcement.message());
    }
}
