package com.ticolops.bot.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventSerializationTest {

    final EventSerialization serialization = new EventSerialization(JsonMapper.builder().build());
    final AnnouncementRequested announcement = new AnnouncementRequested(new Conversation(Platform.CONSOLE, "dev"), Reply.inChannel("Deployed shop"));

    @Test
    void anEventStoredForSeveralListenersIsSerialisedOnce() {
        Object first = serialization.serialize(announcement);

        assertThat(serialization.serialize(announcement)).isSameAs(first);
    }

    @Test
    void anotherEventIsSerialisedAfreshAndEachReadsBackAsItWas() {
        AnnouncementRequested other = new AnnouncementRequested(new Conversation(Platform.CONSOLE, "ops"), Reply.inChannel("Rolled back shop"));

        Object first = serialization.serialize(announcement);
        Object second = serialization.serialize(other);

        assertThat(serialization.deserialize(first, AnnouncementRequested.class)).isEqualTo(announcement);
        assertThat(serialization.deserialize(second, AnnouncementRequested.class)).isEqualTo(other);
    }
}
