package com.ticolops.integrations.chat;

import com.ticolops.integrations.chat.AnnouncementRequested.Anchor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Delivers announcements to the platform of their channel. Runs after the requesting transaction commits; a failure
 * leaves the publication incomplete in the registry, to be delivered again.
 * <p>
 * An anchored announcement is posted, updated in place or threaded under the anchor's message in that channel. The
 * reference of a newly posted primary message is recorded in this listener's transaction, after the post: should the
 * process die in between, the publication is delivered again, finds no message and posts a second one on Slack or
 * Discord. A duplicate is the worst case; an update is never lost, because nothing is recorded as done before the
 * platform took it. The console, in our own database, finds the message the announcement's id already posted.
 * Deliveries for one anchor in one channel run one at a time (see {@link AnchoredMessages#lock}), in the order they
 * take the lock; a primary announcement of a state older than the one its message shows (two webhooks milliseconds
 * apart, delivered in the other order) is dropped, so the message ends on the latest state.
 */
@Component
class AnnouncementDelivery {

    private static final Logger log = LoggerFactory.getLogger(AnnouncementDelivery.class);

    private final Map<Platform, ChatSender> senders;
    private final AnchoredMessages anchored;
    private final MeterRegistry registry;

    AnnouncementDelivery(List<ChatSender> senders, AnchoredMessages anchored, MeterRegistry registry) {
        this.senders = senders.stream().collect(Collectors.toUnmodifiableMap(ChatSender::platform, Function.identity()));
        this.anchored = anchored;
        this.registry = registry;
    }

    /** {@code ticolops_announcements_delivery_seconds{platform, outcome}}: how long a chat platform took each one. */
    @ApplicationModuleListener
    void on(AnnouncementRequested announcement) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            deliver(announcement);
            outcome = "delivered";
        } finally {
            sample.stop(Timer.builder("ticolops.announcements.delivery").description("Announcements handed to a chat platform")
                    .tags("platform", announcement.conversation().platform().id(), "outcome", outcome).register(registry));
        }
    }

    private void deliver(AnnouncementRequested announcement) {
        Platform platform = announcement.conversation().platform();
        ChatSender sender = senders.get(platform);
        if (sender == null) {
            throw new IllegalStateException("No sender for " + platform.id() + " is configured; the announcement stays queued");
        }
        String channel = announcement.conversation().channelId();
        Anchor anchor = announcement.anchor();
        if (anchor == null) {
            sender.post(channel, announcement.message(), announcement.id());
            return;
        }
        anchored.lock(platform, channel, anchor.key());
        Optional<String> existing = anchored.find(platform, channel, anchor.key());
        switch (anchor.mode()) {
            case PRIMARY -> primary(sender, channel, anchor, existing, announcement);
            case THREAD -> thread(sender, channel, anchor, existing, announcement);
        }
    }

    private void primary(ChatSender sender, String channel, Anchor anchor, Optional<String> existing, AnnouncementRequested announcement) {
        if (anchored.showsLaterState(sender.platform(), channel, anchor)) {
            log.info("The {} message for {} in {} already shows a state later than {}; not replacing it", sender.platform().id(), anchor.key(),
                    channel, anchor.asOf());
            return;
        }
        if (existing.isPresent()) {
            try {
                sender.update(channel, existing.get(), announcement.message());
                anchored.updated(sender.platform(), channel, anchor);
                return;
            } catch (MessageNotFoundException gone) {
                log.info("The {} message for {} in {} is gone ({}); posting a new one", sender.platform().id(), anchor.key(), channel, gone.getMessage());
            }
        }
        anchored.remember(sender.platform(), channel, anchor, sender.post(channel, announcement.message(), announcement.id()));
    }

    /** Under the key's message when the channel has one; a reply about a pull request opened before we listened stands alone. */
    private void thread(ChatSender sender, String channel, Anchor anchor, Optional<String> existing, AnnouncementRequested announcement) {
        if (existing.isPresent()) {
            try {
                sender.reply(channel, existing.get(), announcement.message(), announcement.id());
                return;
            } catch (MessageNotFoundException gone) {
                log.info("The {} message for {} in {} is gone ({}); posting the reply on its own", sender.platform().id(), anchor.key(), channel,
                        gone.getMessage());
            }
        }
        sender.post(channel, announcement.message(), announcement.id());
    }
}
