package com.ticolops.bot.project;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.bot.command.Role;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ProjectInfoCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("project info", "Shows this channel's project", List.of(), Role.MEMBER, "project info");

    private final Projects projects;

    ProjectInfoCommand(Projects projects) {
        this.projects = projects;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        Projects.Details details = projects.details(context.project());
        return Reply.privately("Project " + details.project().name())
                .withField("Created by", details.createdBy())
                .withField("Created", details.createdAt().format(DateTimeFormatter.ISO_LOCAL_DATE))
                .withField("Members", String.valueOf(details.members()))
                .withField("Channels", String.valueOf(details.channels()))
                .withField("Time zone", details.timeZone().getId())
                .withField("Your role", context.role().orElseThrow().id())
                .withSection("More", "/ticolops member list — who is in it\n/ticolops repo list — its repositories\n/ticolops project tz <zone> — the zone its freeze windows are read in");
    }
}
