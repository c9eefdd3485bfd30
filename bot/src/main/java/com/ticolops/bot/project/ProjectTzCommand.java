package com.ticolops.bot.project;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ProjectTzCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("project tz", "Sets the project's time zone, the one its freeze windows are read in",
            List.of(OptionSpec.required("zone", OptionType.WORD, "a time zone name, e.g. Europe/Berlin")), Role.ADMIN, "project tz Europe/Berlin");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE HH:mm");

    private final Projects projects;

    ProjectTzCommand(Projects projects) {
        this.projects = projects;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        ZoneId zone;
        try {
            zone = projects.setTimeZone(context.project(), context.option("zone"));
        } catch (ProjectException e) {
            throw new CommandException("`" + e.typed() + "` is not a time zone. Use a name like Europe/Berlin, America/New_York or UTC."
                    + " Nothing was changed.");
        }
        return Reply.inChannel("Project " + context.project().name() + " now keeps time in " + zone.getId() + " (it is "
                + TIME.format(Instant.now().atZone(zone)) + " there): freeze windows of environments without their own `tz=` are read in it.");
    }
}
