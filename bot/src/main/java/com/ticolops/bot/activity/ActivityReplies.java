package com.ticolops.bot.activity;

import com.ticolops.bot.command.CommandException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/** Activity and presence in chat words. */
final class ActivityReplies {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private ActivityReplies() {
    }

    static <T> T refusing(Supplier<T> useCase) {
        try {
            return useCase.get();
        } catch (ActivityException e) {
            throw new CommandException(message(e));
        }
    }

    static String message(ActivityException e) {
        return switch (e.reason()) {
            case EMPTY_LOCATION -> "Say what you work on: a file, a directory or a component, e.g. `src/billing/invoice.py`.";
            case LOCATION_TOO_LONG -> "A location is at most " + Activities.MAX_LOCATION + " characters; that one has " + e.subject() + ". Nothing was recorded.";
            case UNKNOWN_TYPE -> "`" + e.subject() + "` is not a kind of work. Say one of " + String.join(", ", ActivityType.ids()) + ".";
            case UNKNOWN_ZONE -> "`" + e.subject() + "` is not a time zone. Use a name like Europe/Berlin, America/New_York or UTC. Nothing was changed.";
            case NO_PROJECT -> "You are not a member of any project yet.";
            case SEVERAL_PROJECTS -> "You are in several projects (" + e.subject() + "): name one.";
            case NOT_A_MEMBER -> "You are not a member of a project named " + e.subject() + ".";
        };
    }

    static String utc(Instant instant) {
        return TIME.format(instant.atZone(ZoneOffset.UTC)) + " UTC";
    }

    static String local(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone)) + " " + zone.getId();
    }
}
