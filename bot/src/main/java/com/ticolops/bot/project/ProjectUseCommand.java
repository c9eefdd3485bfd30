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
        Projects.Used used;
        try {
            used = projects.use(context.option("name"), context.userId(), context.conversation());
        } catch (ProjectException e) {
            throw new CommandException("You have no project named " + e.project() + ". See yours with /ticolops project list.");
        }
        if (used.alreadyFollowed()) {
            return Reply.privately("This channel already follows " + used.project().name() + ".");
        }
        return Reply.inChannel("This channel now follows project " + used.project().name() + ", set by " + context.caller().mention() + ".");
    }
}
