package com.ticolops.bot.activity;

import java.time.Instant;

/** One person at one location, as last seen. {@code repository} and {@code branch} are empty when not known. */
public record Activity(long id, long projectId, Person person, String location, ActivityType type, Source source, String repository,
                       String branch, Integer pullRequest, Instant startedAt, Instant lastSeenAt) {
}
