package com.ticolops.bot.command;

import com.ticolops.integrations.chat.CommandPort;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

@Component
class HelpCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("help", "Lists the commands, or explains one",
            List.of(OptionSpec.optional("command", OptionType.TEXT, "a command, e.g. member add")), null, "help member add");

    /** Looked up when help runs: the dispatcher that lists the commands also routes to help. */
    private final ObjectProvider<CommandPort> commands;

    HelpCommand(ObjectProvider<CommandPort> commands) {
        this.commands = commands;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<CommandSpec> specs = commands.getObject().commands();
        return context.optionalOption("command")
                .map(asked -> explain(asked.toLowerCase(Locale.ROOT).strip(), specs))
                .orElseGet(() -> overview(specs));
    }

    private static Reply overview(List<CommandSpec> specs) {
        Reply reply = Reply.privately("Ticolops commands. Run `/ticolops help <command>` for details.");
        for (String group : specs.stream().map(CommandSpec::group).distinct().toList()) {
            reply = reply.withSection(group, specs.stream().filter(spec -> spec.group().equals(group))
                    .map(CommandDispatcher::summary).collect(Collectors.joining("\n")));
        }
        return reply;
    }

    private static Reply explain(String asked, List<CommandSpec> specs) {
        List<CommandSpec> matching = specs.stream().filter(spec -> spec.name().equals(asked) || spec.group().equals(asked)).toList();
        if (matching.isEmpty()) {
            throw new CommandException("There is no command `" + asked + "`. Run `/ticolops help` to see them all.");
        }
        Reply reply = Reply.privately(matching.size() == 1 ? matching.get(0).description() : "Commands under `" + asked + "`:");
        for (CommandSpec spec : matching) {
            String options = spec.options().stream().map(o -> o.usage() + " — " + o.description()
                    + (o.choices().isEmpty() ? "" : " (" + String.join(", ", o.choices()) + ")")).collect(Collectors.joining("\n"));
            String role = spec.requiredRole() == null ? "anyone" : spec.requiredRole().id() + " of the channel's project";
            reply = reply.withSection(CommandDispatcher.PREFIX + spec.usage(),
                    spec.description() + (options.isEmpty() ? "" : "\n" + options) + "\nWho: " + role
                            + "\nExample: " + CommandDispatcher.PREFIX + spec.example());
        }
        return reply;
    }
}
