package com.ticolops.bot.user;

import com.ticolops.integrations.chat.Platform;
import java.util.Locale;

/** The accounts a user can be known by. GitHub and GitLab names and emails are case-insensitive, chat ids are not. */
public enum IdentityKind {
    CONSOLE(false), SLACK(false), DISCORD(false), GITHUB(true), GITLAB(true), EMAIL(true);

    private final boolean caseInsensitive;

    IdentityKind(boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
    }

    public static IdentityKind of(Platform platform) {
        return valueOf(platform.name());
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    String normalize(String externalId) {
        return caseInsensitive ? externalId.toLowerCase(Locale.ROOT) : externalId;
    }
}
