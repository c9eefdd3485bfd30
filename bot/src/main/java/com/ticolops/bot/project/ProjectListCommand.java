package com.ticolops.bot.project;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.ProjectRef;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
class ProjectListCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("project list", "Lists the projects you belong to", List.of(), null, "project list");

    /** Enough for the usual handful of projects while staying inside every platform's button limit. */
    private static final int MAX_USE_BUTTONS = 5;

    private final Projects projects;

    ProjectListCommand(Projects projects) {
        this.projects = projects;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<Projects.Summary> mine = projects.projectsOf(context.userId());
        if (mine.isEmpty()) {
            return Reply.privately("You are not in any project yet. Create one: /ticolops project create <name>");
        }
        long here = context.currentProject().map(ProjectRef::id).orElse(-1L);
        Reply reply = Reply.privately("Your projects (" + mine.size() + "):").withSection("Projects", mine.stream()
                .map(p -> p.project().name() + " — " + p.role().id() + (p.project().id() == here ? " (this channel)" : ""))
                .collect(Collectors.joining("\n")));
        for (Projects.Summary other : mine.stream().filter(p -> p.project().id() != here).limit(MAX_USE_BUTTONS).toList()) {
            reply = reply.withAction("Use " + other.project().name(), "project use " + other.project().name());
        }
        return reply;
    }
}
