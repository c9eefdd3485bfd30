package com.ticolops.integrations.chat;

/** A chat platform Ticolops talks on. The local console is a platform of its own, not a stand-in. */
public enum Platform {
    CONSOLE, SLACK, DISCORD;

    /** How a user id of this platform is written so the platform shows a mention: {@code <@U123>} on Slack and Discord. */
    public String mention(String userId) {
        return this == CONSOLE ? "@" + userId : "<@" + userId + ">";
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
