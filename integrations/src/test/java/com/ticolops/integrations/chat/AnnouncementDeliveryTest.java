package com.ticolops.integrations.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ticolops.integrations.chat.AnnouncementRequested.Anchor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which of post, update and reply an announcement becomes, and what is remembered for the next one. */
class AnnouncementDeliveryTest {

    static final String PR = "github:acme/shop#12";

    RecordingSender slack = new RecordingSender();
    MemoryAnchors anchors = new MemoryAnchors();
    AnnouncementDelivery delivery = new AnnouncementDelivery(List.of(slack), anchors, new SimpleMeterRegistry());

    @Test
    void anUnanchoredAnnouncementIsPostedAndNothingIsRemembered() {
        delivery.on(announcement("C1", "alice pushed 2 commits", null));

        assertThat(slack.calls).containsExactly("post C1: alice pushed 2 commits");
        assertThat(anchors.refs).isEmpty();
        assertThat(anchors.locks).isEmpty();
    }

    @Test
    void theFirstPrimaryAnnouncementIsPostedAndItsMessageRemembered() {
        delivery.on(announcement("C1", "bob opened #12", Anchor.primary(PR)));

        assertThat(slack.calls).containsExactly("post C1: bob opened #12");
        assertThat(anchors.find(Platform.SLACK, "C1", PR)).contains("m1");
        assertThat(anchors.locks).containsExactly("slack C1 " + PR);
    }

    @Test
    void aLaterPrimaryAnnouncementUpdatesThatMessageInPlace() {
        delivery.on(announcement("C1", "bob opened #12", Anchor.primary(PR)));

        delivery.on(announcement("C1", "carol merged #12", Anchor.primary(PR)));

        assertThat(slack.calls).containsExactly("post C1: bob opened #12", "update C1 m1: carol merged #12");
        assertThat(anchors.find(Platform.SLACK, "C1", PR)).contains("m1");
    }

    @Test
    void aThreadAnnouncementRepliesUnderThePrimaryMessage() {
        delivery.on(announcement("C1", "bob opened #12", Anchor.primary(PR)));

        delivery.on(announcement("C1", "carol approved #12", Anchor.thread(PR)));

        assertThat(slack.calls).containsExactly("post C1: bob opened #12", "reply C1 m1: carol approved #12");
    }

    @Test
    void aThreadAnnouncementWithoutAPrimaryMessageIsPostedOnItsOwnAndDoesNotBecomeThePrimary() {
        // GIVEN a pull request opened before the channel subscribed: no message for it yet
        delivery.on(announcement("C1", "carol approved #12", Anchor.thread(PR)));
        assertThat(anchors.refs).isEmpty();

        // WHEN it is merged
        delivery.on(announcement("C1", "carol merged #12", Anchor.primary(PR)));

        // THEN the merge is a message of its own, not an edit of the review
        assertThat(slack.calls).containsExactly("post C1: carol approved #12", "post C1: carol merged #12");
        assertThat(anchors.find(Platform.SLACK, "C1", PR)).contains("m2");
    }

    @Test
    void whenThePrimaryMessageWasDeletedAnUpdateIsPostedAnewAndRemembered() {
        delivery.on(announcement("C1", "bob opened #12", Anchor.primary(PR)));
        slack.gone.add("m1");

        delivery.on(announcement("C1", "carol merged #12", Anchor.primary(PR)));
        delivery.on(announcement("C1", "dan commented on #12", Anchor.thread(PR)));

        assertThat(slack.calls).containsExactly("post C1: bob opened #12", "update C1 m1: carol merged #12", "post C1: carol merged #12",
                "reply C1 m2: dan commented on #12");
    }

    @Test
    void whenTheParentWasDeletedAReplyIsPostedOnItsOwn() {
        delivery.on(announcement("C1", "bob opened #12", Anchor.primary(PR)));
        slack.gone.add("m1");

        delivery.on(announcement("C1", "carol approved #12", Anchor.thread(PR)));

        assertThat(slack.calls).containsExactly("post C1: bob opened #12", "reply C1 m1: carol approved #12", "post C1: carol approved #12");
    }

    @Test
    void anchorsAreKeptPerChannel() {
        delivery.on(announcement("C1", "bob opened #12", Anchor.primary(PR)));

        delivery.on(announcement("C2", "bob opened #12", Anchor.primary(PR)));
        delivery.on(announcement("C2", "carol approved #12", Anchor.thread(PR)));

        assertThat(slack.calls).containsExactly("post C1: bob opened #12", "post C2: bob opened #12", "reply C2 m2: carol approved #12");
    }

    @Test
    void aFailedPostRemembersNothingSoTheRetriedPublicationPostsAgain() {
        // GIVEN Slack is down
        slack.down = true;

        // WHEN the pull request is announced: the failure propagates, so the publication stays incomplete
        assertThatThrownBy(() -> delivery.on(announcement("C1", "bob opened #12", Anchor.primary(PR)))).isInstanceOf(IllegalStateException.class);
        assertThat(anchors.refs).isEmpty();

        // THEN the retry once Slack is back posts it, and later changes update that message
        slack.down = false;
        delivery.on(announcement("C1", "bob opened #12", Anchor.primary(PR)));
        delivery.on(announcement("C1", "carol merged #12", Anchor.primary(PR)));
        assertThat(slack.calls).containsExactly("post C1: bob opened #12", "update C1 m1: carol merged #12");
    }

    @Test
    void aFailedUpdatePropagatesAndKeepsTheMessageForTheRetry() {
        delivery.on(announcement("C1", "bob opened #12", Anchor.primary(PR)));
        slack.down = true;

        assertThatThrownBy(() -> delivery.on(announcement("C1", "carol merged #12", Anchor.primary(PR)))).isInstanceOf(IllegalStateException.class);

        slack.down = false;
        delivery.on(announcement("C1", "carol merged #12", Anchor.primary(PR)));
        assertThat(slack.calls).containsExactly("post C1: bob opened #12", "update C1 m1: carol merged #12");
    }

    @Test
    void anAnnouncementForAPlatformWithoutSenderStaysQueued() {
        assertThatThrownBy(() -> delivery.on(new AnnouncementRequested(new Conversation(Platform.DISCORD, "1"), Reply.inChannel("hi"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No sender for discord");
    }

    @Test
    void anAnchorNeedsAKeyAndAMode() {
        assertThatThrownBy(() -> Anchor.primary(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Anchor(PR, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AnnouncementRequested(new Conversation(Platform.SLACK, "C1"), Reply.inChannel("hi")).anchor()).isNull();
    }

    private static AnnouncementRequested announcement(String channel, String text, Anchor anchor) {
        return new AnnouncementRequested(new Conversation(Platform.SLACK, channel), Reply.inChannel(text), anchor);
    }

    /** A chat platform that numbers its messages m1, m2... and forgets the ones in {@code gone}. */
    static final class RecordingSender implements ChatSender {

        final List<String> calls = new ArrayList<>();
        final Set<String> gone = new HashSet<>();
        boolean down;
        int next;

        @Override
        public Platform platform() {
            return Platform.SLACK;
        }

        @Override
        public String post(String channelId, Reply message) {
            available();
            calls.add("post " + channelId + ": " + message.text());
            return "m" + ++next;
        }

        @Override
        public void update(String channelId, String messageRef, Reply message) {
            available();
            calls.add("update " + channelId + " " + messageRef + ": " + message.text());
            exists(messageRef);
        }

        @Override
        public String reply(String channelId, String parentRef, Reply message) {
            available();
            calls.add("reply " + channelId + " " + parentRef + ": " + message.text());
            exists(parentRef);
            return "m" + ++next;
        }

        private void available() {
            if (down) {
                throw new IllegalStateException("Slack is down");
            }
        }

        private void exists(String ref) {
            if (gone.contains(ref)) {
                throw new MessageNotFoundException(ref + " was deleted");
            }
        }
    }

    static final class MemoryAnchors implements AnchoredMessages {

        final Map<String, String> refs = new HashMap<>();
        final List<String> locks = new ArrayList<>();

        @Override
        public void lock(Platform platform, String channelId, String key) {
            locks.add(platform.id() + " " + channelId + " " + key);
        }

        @Override
        public Optional<String> find(Platform platform, String channelId, String key) {
            return Optional.ofNullable(refs.get(platform.id() + " " + channelId + " " + key));
        }

        final Map<String, Instant> shown = new HashMap<>();

        @Override
        public boolean showsLaterState(Platform platform, String channelId, Anchor anchor) {
            Instant current = shown.get(platform.id() + " " + channelId + " " + anchor.key());
            return anchor.asOf() != null && current != null && current.isAfter(anchor.asOf());
        }

        @Override
        public void remember(Platform platform, String channelId, Anchor anchor, String messageRef) {
            refs.put(platform.id() + " " + channelId + " " + anchor.key(), messageRef);
            updated(platform, channelId, anchor);
        }

        @Override
        public void updated(Platform platform, String channelId, Anchor anchor) {
            if (anchor.asOf() != null) {
                shown.merge(platform.id() + " " + channelId + " " + anchor.key(), anchor.asOf(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
    }
}
