package com.ticolops.integrations.chat;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A command's declaration: one list of these feeds Discord registration, the Slack manifest, help and the console.
 *
 * @param name         space-separated path, e.g. {@code member add}
 * @param requiredRole the role needed in the channel's project, or {@code null} when the command needs no project
 * @param example      a complete example invocation without the leading {@code /ticolops}
 */
public record CommandSpec(String name, String description, List<OptionSpec> options, RequiredRole requiredRole, String example) {

    public CommandSpec {
        options = List.copyOf(options);
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
