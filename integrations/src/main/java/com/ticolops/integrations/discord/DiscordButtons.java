package com.ticolops.integrations.discord;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Custom ids of action buttons. Discord hands a button's custom id (at most 100 characters) back on a click, so a
 * command that fits travels in the id itself and survives restarts. A longer one is kept here under a short key; the
 * map is bounded, so after a restart or very many newer buttons such a button answers that it expired rather than
 * running the wrong thing.
 */
final class DiscordButtons {

    static final int MAX_CUSTOM_ID = 100;
    private static final String COMMAND = "run:";
    private static final String KEY = "key:";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> longCommands;

    DiscordButtons(int capacity) {
        this.longCommands = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        });
    }

    String customId(String command) {
        String inline = COMMAND + command;
        if (inline.length() <= MAX_CUSTOM_ID) {
            return inline;
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        longCommands.put(key, command);
        return KEY + key;
    }

    /** Whether a custom id is one of ours at all (other bots' components in the same message are not). */
    static boolean isOurs(String customId) {
        return customId.startsWith(COMMAND) || customId.startsWith(KEY);
    }

    /** The command behind a custom id; empty when its key is no longer known. */
    Optional<String> command(String customId) {
        if (customId.startsWith(COMMAND)) {
            return Optional.of(customId.substring(COMMAND.length()));
        }
        if (customId.startsWith(KEY)) {
            return Optional.ofNullable(longCommands.get(customId.substring(KEY.length())));
        }
        return Optional.empty();
    }
}
