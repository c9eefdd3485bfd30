package com.ticolops.bot.command;

import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds the words after a command's name to its options, in order, checking each against its type. */
final class OptionBinder {

    /** {@code <@U123>}, {@code <@U123|bob>} (Slack), {@code <@!123>} (Discord) or {@code @bob} (console). */
    private static final Pattern MENTION = Pattern.compile("^(?:<@!?([A-Za-z0-9]+)(?:\\|[^>]*)?>|@([A-Za-z0-9][A-Za-z0-9._-]{0,63}))$");

    /** A user option's value as typed platforms send it: the platform's own user id. */
    private static final Pattern RAW_USER_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

    private OptionBinder() {
    }

    static Map<String, String> bind(CommandSpec spec, CommandLine line, int firstArgument) {
        Map<String, String> values = new LinkedHashMap<>();
        int next = firstArgument;
        for (OptionSpec option : spec.options()) {
            if (next >= line.size()) {
                if (option.required()) {
                    throw new InvalidOptions("`" + spec.name() + "` needs " + option.usage() + ": " + option.description() + ".");
                }
                continue;
            }
            switch (option.type()) {
                case TEXT -> {
                    values.put(option.name(), line.restFrom(next));
                    next = line.size();
                }
                case USER -> values.put(option.name(), mentionedUser(option, line.word(next++)));
                case CHOICE -> values.put(option.name(), choice(option, line.word(next++)));
                case WORD -> values.put(option.name(), line.word(next++));
            }
        }
        if (next < line.size()) {
            throw new InvalidOptions("`" + spec.name() + "` does not take `" + line.restFrom(next) + "`.");
        }
        return values;
    }

    /** Checks options a platform gave by name: required ones present, choices valid, users as ids or mentions, nothing unknown. */
    static Map<String, String> bindNamed(CommandSpec spec, Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String value = given.get(option.name());
            if (value == null || value.isBlank()) {
                if (option.required()) {
                    throw new InvalidOptions("`" + spec.name() + "` needs " + option.usage() + ": " + option.description() + ".");
                }
                continue;
            }
            values.put(option.name(), switch (option.type()) {
                case USER -> RAW_USER_ID.matcher(value).matches() ? value : mentionedUser(option, value);
                case CHOICE -> choice(option, value);
                case WORD, TEXT -> value.strip();
            });
        }
        given.keySet().stream().filter(name -> !values.containsKey(name) && spec.options().stream().noneMatch(o -> o.name().equals(name)))
                .findFirst().ifPresent(unknown -> {
                    throw new InvalidOptions("`" + spec.name() + "` has no option `" + unknown + "`.");
                });
        return values;
    }

    private static String mentionedUser(OptionSpec option, String word) {
        Matcher matcher = MENTION.matcher(word);
        if (!matcher.matches()) {
            throw new InvalidOptions("`" + word + "` is not a user: " + option.usage() + " takes a mention such as @bob.");
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static String choice(OptionSpec option, String word) {
        String value = word.toLowerCase(Locale.ROOT);
        if (!option.choices().contains(value)) {
            throw new InvalidOptions("`" + word + "` is not a valid " + option.name() + ": choose one of " + String.join(", ", option.choices()) + ".");
        }
        return value;
    }

    static final class InvalidOptions extends RuntimeException {
        InvalidOptions(String message) {
            super(message);
        }
    }
}
