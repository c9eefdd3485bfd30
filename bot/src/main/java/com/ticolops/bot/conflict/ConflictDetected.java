package com.ticolops.bot.conflict;

import java.util.List;

/**
 * A conflict was found, or its people or files changed: each person involved should hear of it (the notification
 * module's "conflicts involving me"). Published once per change, never again for the same people and files.
 *
 * @param userIds  the people involved who are our users
 * @param logins   the people involved known only by a Git login nobody has linked, as {@code provider:login}
 * @param sentence what happened, in plain words with people's names (no platform mentions)
 */
public record ConflictDetected(long conflictId, long projectId, Kind kind, Severity severity, List<Long> userIds, List<String> logins,
                               List<String> files, String sentence) {

    public ConflictDetected {
        userIds = List.copyOf(userIds);
        logins = List.copyOf(logins);
        files = List.copyOf(files);
    }
}
