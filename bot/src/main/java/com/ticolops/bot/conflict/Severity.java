package com.ticolops.bot.conflict;

import java.util.Locale;

/**
 * How likely the overlap ends in a merge conflict: the same file above the same directory, two people coding above one
 * reviewing what another codes. Declared lowest first, so the higher of two is the later.
 */
public enum Severity {
    LOW, MEDIUM, HIGH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
