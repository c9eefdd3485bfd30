package com.ticolops.bot.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a personal token may do. An endpoint names the one it needs; a token without it gets 403. */
public enum Scope {
    /** Report what you are working on, and that you are at your desk (heartbeats). */
    ACTIVITY_WRITE("activity:write"),
    /** See who works where, and the open conflicts, in your projects. */
    PRESENCE_READ("presence:read"),
    /** List your own tokens. */
    TOKENS_READ("tokens:read");

    private final String id;

    Scope(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Spring Security's name for it, as {@code hasAuthority(...)} checks it. */
    public String authority() {
        return "SCOPE_" + id;
    }

    public static Optional<Scope> of(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(scope -> scope.id.equals(wanted)).findFirst();
    }
}
