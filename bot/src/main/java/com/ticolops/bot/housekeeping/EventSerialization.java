package com.ticolops.bot.housekeeping;

import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serialises events for the event publication registry as Spring Modulith's own Jackson serialiser does (the
 * application's mapper), once per event rather than once per listener: the registry stores one publication per
 * listener and serialised a push, with its commits and files, five times in a row (10 % of the JVM's samples per
 * delivery in issue 9's profile). Events are immutable records, so the same instance always serialises the same.
 */
@Component
class EventSerialization implements EventSerializer {

    private record Serialized(Object event, String json) {
    }

    private final JsonMapper mapper;
    /** The last event each thread serialised: the registry stores all publications of an event on one thread, one after the other. */
    private final ThreadLocal<Serialized> last = new ThreadLocal<>();

    EventSerialization(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object serialize(Object event) {
        Serialized previous = last.get();
        if (previous != null && previous.event() == event) {
            return previous.json();
        }
        String json = mapper.writeValueAsString(event);
        last.set(new Serialized(event, json));
        return json;
    }

    @Override
    public <T> T deserialize(Object serialized, Class<T> type) {
        return mapper.readerFor(type).readValue(serialized.toString());
    }
}
