package com.ticolops.integrations.chat;

/** A chat platform Ticolops talks on. The local console is a platform of its own, not a stand-in. */
public enum Platform {
    CONSOLE, SLACK, DISCORD;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
