package com.ticolops.bot.notification;

import com.ticolops.integrations.chat.Platform;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a person's notifications go: {@code notify via <channel>}. */
enum Channel {
    SLACK(Platform.SLACK), DISCORD(Platform.DISCORD), CONSOLE(Platform.CONSOLE), EMAIL(null), WEBHOOK(null);

    private final Platform platform;

    Channel(Platform platform) {
        this.platform = platform;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The chat platform of a direct message, empty for email and webhooks. */
    Optional<Platform> platform() {
        return Optional.ofNullable(platform);
    }

    static Channel of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(Channel::id).toList();
    }
}
