package com.ticolops.bot.project;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.ProjectRef;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

@Component
class ProjectCreateCommand implements CommandHandler {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
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
        String name = context.option("name");
        if (!NAME.matcher(name).matches()) {
            throw new CommandException("`" + name + "` can't be a project name: use 1 to 40 letters, digits, '-' or '_', starting with a letter or digit. "
                    + "Example: /ticolops " + SPEC.example());
        }
        if (projects.byName(name).isPresent()) {
            throw new CommandException("A project named " + name + " already exists. Pick another name, or ask its admin to add you.");
        }
        ProjectRef project = projects.create(name, context.userId());
        Optional<ProjectRef> before = projects.bind(context.conversation(), project);
        return Reply.inChannel("Project " + name + " created by " + context.caller().mention() + ", its admin. This channel now follows "
                        + name + (before.map(p -> " (instead of " + p.name() + ")").orElse("") + "."))
                .withSection("Next", "/ticolops repo connect github <owner/name> — announce its pushes and pull requests here\n"
                        + "/ticolops member add @someone [role] — bring your team in");
    }
}
