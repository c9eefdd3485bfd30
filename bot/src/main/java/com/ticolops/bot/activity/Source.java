package com.ticolops.bot.activity;

import java.util.Locale;

/** Where we learnt of an activity. Git sources are work on a branch, which stays unmerged until it merges or closes. */
public enum Source {
    CHAT, REST, PUSH, PULL_REQUEST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isGit() {
        return this == PUSH || this == PULL_REQUEST;
    }
}
