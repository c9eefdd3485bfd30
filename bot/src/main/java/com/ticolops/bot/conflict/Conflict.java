package com.ticolops.bot.conflict;

import java.time.Instant;
import java.util.List;

/**
 * One conflict as it is now, and as its channels were last shown it.
 *
 * @param people person keys ({@code user:42}, {@code github:octocat}), sorted
 */
record Conflict(long id, long projectId, Kind kind, String key, Severity severity, List<String> people, List<String> files,
                List<Long> activityIds, Instant openedAt, boolean dismissed, Instant announcedAt, List<String> announcedPeople) {
}
