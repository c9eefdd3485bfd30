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
