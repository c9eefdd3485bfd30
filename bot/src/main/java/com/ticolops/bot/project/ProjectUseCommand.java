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
import org.springframework.stereotype.Component;

@Component
class ProjectUseCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("project use", "Makes this channel follow one of your projects: its commands and announcements",
            List.of(OptionSpec.required("name", OptionType.WORD, "the name of a project you belong to")), null, "project use shop");

    private final Projects projects;

    ProjectUseCommand(Projects projects) {
        this.projects = projects;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        String name = context.option("name");
        ProjectRef project = projects.byName(name)
                .filter(p -> projects.roleOf(context.userId(), p.id()).isPresent())
                .orElseThrow(() -> new CommandException("You have no project named " + name + ". See yours with /ticolops project list."));
        if (context.currentProject().map(ProjectRef::id).orElse(-1L) == project.id()) {
            return Reply.privately("This channel already follows " + project.name() + ".");
        }
        projects.bind(context.conversation(), project);
        return Reply.inChannel("This channel now follows project " + project.name() + ", set by " + context.caller().mention() + ".");
    }
}
