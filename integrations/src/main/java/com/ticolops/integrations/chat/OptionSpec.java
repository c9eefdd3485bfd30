package com.ticolops.integrations.chat;

import java.util.List;

/** One option of a command, in the order it is typed. */
public record OptionSpec(String name, OptionType type, boolean required, String description, List<String> choices) {

    public OptionSpec {
        choices = List.copyOf(choices);
    }

    public static OptionSpec required(String name, OptionType type, String description) {
        return new OptionSpec(name, type, true, description, List.of());
    }

    public static OptionSpec optional(String name, OptionType type, String description) {
        return new OptionSpec(name, type, false, description, List.of());
    }

    public static OptionSpec choice(String name, boolean required, String description, List<String> choices) {
        return new OptionSpec(name, OptionType.CHOICE, required, description, choices);
    }

    /** How the option appears in a usage line: {@code <name>} when required, {@code [name]} when not. */
    public String usage() {
        String label = type == OptionType.USER ? "@" + name : name;
        return required ? "<" + label + ">" : "[" + label + "]";
    }
}
