package com.ticolops.integrations.discord;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Custom ids of action buttons. Discord hands a button's custom id (at most 100 characters) back on a click, so a
 * command that fits travels in the id itself and survives restarts. A longer one is kept in PostgreSQL under a short
 * key ({@code discord_button_commands}, V28), since the click reaches the replica that holds the gateway, not
 * necessarily the one that posted the button. Kept for {@link #KEPT_FOR}; an older button answers that it expired
 * rather than running the wrong thing.
 */
final class DiscordButtons {

    static final int MAX_CUSTOM_ID = 100;
    static final Duration KEPT_FOR = Duration.ofDays(90);
    private static final String KEPT_FOR_INTERVAL = KEPT_FOR.toSeconds() + " seconds";
    private static final String COMMAND = "run:";
    private static final String KEY = "key:";

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;

    DiscordButtons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String customId(String command) {
        String inline = COMMAND + command;
        if (inline.length() <= MAX_CUSTOM_ID) {
            return inline;
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        // Long commands are rare (a button per long decision or note): forgetting the expired ones as new ones come
        // needs no scheduled task, and the delete is a range of the created_at index.
        jdbc.sql("""
                        with forgotten as (delete from discord_button_commands where created_at < now() - cast(? as interval))
                        insert into discord_button_commands (key, command) values (?, ?)""")
                .params(KEPT_FOR_INTERVAL, key, command).update();
        return KEY + key;
    }

    /** Whether a custom id is one of ours at all (other bots' components in the same message are not). */
    static boolean isOurs(String customId) {
        return customId.startsWith(COMMAND) || customId.startsWith(KEY);
    }

    /** The command behind a custom id; empty when its key is not known (any more). */
    Optional<String> command(String customId) {
        if (customId.startsWith(COMMAND)) {
            return Optional.of(customId.substring(COMMAND.length()));
        }
        if (customId.startsWith(KEY)) {
            return jdbc.sql("select command from discord_button_commands where key = ? and created_at >= now() - cast(? as interval)")
                    .params(customId.substring(KEY.length()), KEPT_FOR_INTERVAL).query(String.class).optional();
        }
        return Optional.empty();
    }
}
