package com.ticolops.integrations.chat;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A command's declaration: one list of these feeds Discord registration, the Slack manifest, help and the console.
 *
 * @param name         space-separated path, e.g. {@code member add}
 * @param requiredRole the role needed in the channel's project, or {@code null} when the command needs no project
 * @param example      a complete example invocation without the leading {@code /ticolops}
 * @param asGroupMember for a one-word command that shares its word with a group ({@code notify} beside {@code notify via}):
 *                      its name inside that group where a platform cannot have a command and a group of one name
 *                      (Discord), e.g. {@code show}; null for the platform's default
 */
public record CommandSpec(String name, String description, List<OptionSpec> options, RequiredRole requiredRole, String example,
                          String asGroupMember) {

    public CommandSpec {
        options = List.copyOf(options);
    }

    public CommandSpec(String name, String description, List<OptionSpec> options, RequiredRole requiredRole, String example) {
        this(name, description, options, requiredRole, example, null);
    }

    /** This command named {@code member} inside its group, e.g. {@code /ticolops notify show} on Discord. */
    public CommandSpec asGroupMember(String member) {
        return new CommandSpec(name, description, options, requiredRole, example, member);
    }

    public String usage() {
        return options.isEmpty() ? name
                : name + " " + options.stream().map(OptionSpec::usage).collect(Collectors.joining(" "));
    }

    public String group() {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }
}
