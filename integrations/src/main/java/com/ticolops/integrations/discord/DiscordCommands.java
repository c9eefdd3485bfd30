package com.ticolops.integrations.discord;

import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;

/**
 * The {@code CommandSpec} list as one Discord {@code /ticolops} command, and back: {@code project create} becomes the
 * subcommand {@code create} of the group {@code project}, {@code help} a subcommand of its own. Interactions name the
 * group and subcommand they came through; {@link #spec} maps them back to the spec, so the names Discord shows may
 * differ from the typed command where Discord's rules require it.
 */
final class DiscordCommands {

    static final String ROOT = "ticolops";
    static final String ROOT_DESCRIPTION = "Ticolops: projects, repositories, deployments and team updates";

    /** Discord's limits for one command: options (subcommands and groups count as options), choices, text lengths. */
    static final int MAX_OPTIONS = 25;
    static final int MAX_CHOICES = 25;
    static final int MAX_DESCRIPTION = 100;
    static final int MAX_CHOICE_VALUE = 100;
    private static final Pattern NAME = Pattern.compile("[-_\\p{Ll}\\p{N}]{1,32}");

    /**
     * A one-word command whose word is also a group (say {@code blocker <text>} beside {@code blocker resolve <id>}):
     * Discord cannot have a subcommand and a group of one name, so the one-word command joins the group under the name
     * its spec gives ({@link CommandSpec#asGroupMember()}), else this one.
     */
    static final String IN_GROUP_NAME = "new";

    /** Where one-word commands go when there are more top-level entries than Discord allows. */
    static final String OVERFLOW_GROUP = "more";

    private final SlashCommandData data;
    private final Map<String, CommandSpec> byPath;

    private DiscordCommands(SlashCommandData data, Map<String, CommandSpec> byPath) {
        this.data = data;
        this.byPath = byPath;
    }

    static DiscordCommands of(List<CommandSpec> specs) {
        Map<String, List<CommandSpec>> groups = new LinkedHashMap<>();
        List<CommandSpec> singles = new ArrayList<>();
        for (CommandSpec spec : specs) {
            if (spec.name().contains(" ")) {
                groups.computeIfAbsent(spec.group(), g -> new ArrayList<>()).add(spec);
            } else {
                singles.add(spec);
            }
        }
        Map<String, Map<String, CommandSpec>> tree = new LinkedHashMap<>();
        Map<String, CommandSpec> top = new LinkedHashMap<>();
        groups.forEach((group, members) -> {
            Map<String, CommandSpec> subcommands = tree.computeIfAbsent(name(group, group), g -> new LinkedHashMap<>());
            members.forEach(spec -> put(subcommands, name(spec.name().substring(group.length() + 1).replace(' ', '-'), spec.name()), spec));
        });
        for (CommandSpec spec : singles) {
            String name = name(spec.name(), spec.name());
            if (tree.containsKey(name)) {
                put(tree.get(name), spec.asGroupMember() != null ? spec.asGroupMember() : IN_GROUP_NAME, spec);
            } else {
                put(top, name, spec);
            }
        }
        List<String> topNames = new ArrayList<>(top.keySet());
        while (tree.size() + top.size() > MAX_OPTIONS && !topNames.isEmpty()) {
            String moved = topNames.remove(topNames.size() - 1);
            put(tree.computeIfAbsent(OVERFLOW_GROUP, g -> new LinkedHashMap<>()), moved, top.remove(moved));
        }
        if (tree.size() + top.size() > MAX_OPTIONS) {
            throw new IllegalStateException("/ticolops would have " + (tree.size() + top.size()) + " subcommands and groups; Discord allows "
                    + MAX_OPTIONS);
        }

        SlashCommandData data = Commands.slash(ROOT, ROOT_DESCRIPTION);
        Map<String, CommandSpec> byPath = new LinkedHashMap<>();
        top.forEach((name, spec) -> {
            data.addSubcommands(subcommand(name, spec));
            byPath.put(name, spec);
        });
        tree.forEach((group, subcommands) -> {
            if (subcommands.size() > MAX_OPTIONS) {
                throw new IllegalStateException("/ticolops " + group + " has " + subcommands.size() + " subcommands; Discord allows " + MAX_OPTIONS);
            }
            SubcommandGroupData groupData = new SubcommandGroupData(group, description(capitalized(group) + " commands"));
            subcommands.forEach((name, spec) -> {
                groupData.addSubcommands(subcommand(name, spec));
                byPath.put(group + " " + name, spec);
            });
            data.addSubcommandGroups(groupData);
        });
        return new DiscordCommands(data, Map.copyOf(byPath));
    }

    SlashCommandData data() {
        return data;
    }

    /** The spec registered under this group (or {@code null}) and subcommand. */
    Optional<CommandSpec> spec(String group, String subcommand) {
        return Optional.ofNullable(byPath.get(group == null ? subcommand : group + " " + subcommand));
    }

    /**
     * The options Discord sent, by their spec names: the dispatcher takes them as they are, typed, rather than as a
     * command line to parse again.
     *
     * @param value an option's raw value as Discord sent it (a user id for user options), empty when not given
     */
    static Map<String, String> options(CommandSpec spec, Function<String, Optional<String>> value) {
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            value.apply(discordName(option.name())).ifPresent(given -> options.put(option.name(), given));
        }
        return options;
    }

    private static SubcommandData subcommand(String name, CommandSpec spec) {
        if (spec.options().size() > MAX_OPTIONS) {
            throw new IllegalStateException("`" + spec.name() + "` has " + spec.options().size() + " options; Discord allows " + MAX_OPTIONS);
        }
        SubcommandData subcommand = new SubcommandData(name, description(spec.description()));
        boolean optionalSeen = false;
        for (OptionSpec option : spec.options()) {
            // Discord wants required options first; a required one after an optional one is registered as optional
            // and the dispatcher's usage reply covers it when it is missing.
            optionalSeen |= !option.required();
            subcommand.addOptions(option(option, option.required() && !optionalSeen));
        }
        return subcommand;
    }

    private static OptionData option(OptionSpec option, boolean required) {
        net.dv8tion.jda.api.interactions.commands.OptionType type =
                option.type() == OptionType.USER ? net.dv8tion.jda.api.interactions.commands.OptionType.USER
                        : net.dv8tion.jda.api.interactions.commands.OptionType.STRING;
        OptionData data = new OptionData(type, name(discordName(option.name()), option.name()), description(option.description()), required);
        boolean choicesFit = option.choices().size() <= MAX_CHOICES && option.choices().stream().allMatch(c -> c.length() <= MAX_CHOICE_VALUE);
        // Too many choices for Discord's list: the option stays free text and the dispatcher checks the value.
        if (option.type() == OptionType.CHOICE && choicesFit) {
            option.choices().forEach(choice -> data.addChoice(choice, choice));
        }
        return data;
    }

    static String discordName(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String name(String candidate, String of) {
        String name = discordName(candidate);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException("`" + of + "` cannot be a Discord command name: use 1-32 lowercase letters, digits, '-' or '_'");
        }
        return name;
    }

    private static void put(Map<String, CommandSpec> into, String name, CommandSpec spec) {
        CommandSpec before = into.putIfAbsent(name, spec);
        if (before != null) {
            throw new IllegalStateException("`" + spec.name() + "` and `" + before.name() + "` both map to the Discord name " + name);
        }
    }

    /** Discord shows at most 100 characters; a longer description ends in an ellipsis, and help has the full text. */
    static String description(String text) {
        String description = text == null || text.isBlank() ? "-" : text.strip();
        return description.length() <= MAX_DESCRIPTION ? description : description.substring(0, MAX_DESCRIPTION - 1) + "…";
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
