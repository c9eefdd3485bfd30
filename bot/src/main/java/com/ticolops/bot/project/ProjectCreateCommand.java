package com.ticolops.bot.project;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ProjectCreateCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("project create", "Creates a project; you become its admin and this channel follows it",
            List.of(OptionSpec.required("name", OptionType.WORD, "the project's name: letters, digits, '-' and '_'")), null, "project create shop");

    private final Projects projects;

    ProjectCreateCommand(Projects projects) {
        this.projects = projects;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        Projects.Created created;
        try {
            created = projects.create(context.option("name"), context.userId(), context.conversation());
        } catch (ProjectException e) {
            throw new CommandException(switch (e.reason()) {
                case INVALID_NAME -> "`" + e.project() + "` can't be a project name: use 1 to 40 letters, digits, '-' or '_', starting with a letter "
                        + "or digit. Example: /ticolops " + SPEC.example();
                case ALREADY_YOURS -> "You already have " + e.project() + ": `/ticolops project use " + e.project() + "` makes this channel follow it.";
                default -> "A project named " + e.project() + " already exists. Pick another name, or ask its admin to add you.";
            });
        }
        String name = created.project().name();
        return Reply.inChannel("Project " + name + " created by " + context.caller().mention() + ", its admin. This channel now follows "
                        + name + (created.previous().map(p -> " (instead of " + p.name() + ")").orElse("") + "."))
                .withSection("Next", "/ticolops repo connect github <owner/name> — announce its pushes and pull requests here\n"
                        + "/ticolops member add @someone [role] — bring your team in");
    }
}
