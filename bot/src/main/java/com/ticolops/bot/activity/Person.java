package com.ticolops.bot.activity;

import java.util.Optional;

/**
 * Someone at work: one of our users, or a Git login nobody has linked yet (named by that login).
 *
 * @param key   stable across both: {@code user:42} or {@code github:octocat}
 * @param login the Git login, for people who are not our users; null for users
 */
public record Person(String key, Long userId, String login) {

    static Person user(long userId) {
        return new Person("user:" + userId, userId, null);
    }

    static Person unlinked(String provider, String login) {
        return new Person(provider + ":" + login.toLowerCase(java.util.Locale.ROOT), null, login);
    }

    public Optional<Long> user() {
        return Optional.ofNullable(userId);
    }
}
