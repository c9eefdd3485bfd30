package com.ticolops.bot.conflict;

import java.util.List;

/**
 * A conflict was found, someone joined it or it became more severe: those it is news to should hear of it (the
 * notification module's "conflicts involving me").
 *
 * @param userIds  the people involved who are our users
 * @param logins   the people involved known only by a Git login nobody has linked, as {@code provider:login}
 * @param sentence what happened, in plain words with people's names (no platform mentions)
 * @param toTell   of {@code userIds}, those it is news to: everyone when found or more severe, else who just joined
 */
public record ConflictDetected(long conflictId, long projectId, Kind kind, Severity severity, List<Long> userIds, List<String> logins,
                               List<String> files, String sentence, List<Long> toTell) {

    public ConflictDetected {
        userIds = List.copyOf(userIds);
        logins = List.copyOf(logins);
        files = List.copyOf(files);
        toTell = List.copyOf(toTell);
    }
}
