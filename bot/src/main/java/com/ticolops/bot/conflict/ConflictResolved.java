package com.ticolops.bot.conflict;

import java.util.List;

/** The overlapping work ended (stopped, went idle, merged, closed) or someone dismissed it; {@code userIds} were involved. */
public record ConflictResolved(long conflictId, long projectId, List<Long> userIds) {

    public ConflictResolved {
        userIds = List.copyOf(userIds);
    }
}
