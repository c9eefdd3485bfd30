package com.ticolops.bot.activity;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code working <location> [type]}: tells the project what you are on, so that people on the same thing hear of it early. */
@Component
class WorkingCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("working", "Tells your project what you are working on: a file, a directory or a component",
            List.of(OptionSpec.required("location", OptionType.WORD, "a file, directory or component, e.g. src/billing/invoice.py"),
                    OptionSpec.choice("type", false, "what you do there (default: coding)", ActivityType.ids())),
            Role.MEMBER, "working src/billing/invoice.py coding").asGroupMember("on");

    private final Activities activities;

    WorkingCommand(Activities activities) {
        this.activities = activities;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        String location = ActivityReplies.refusing(() -> Activities.location(context.option("location")));
        ActivityType type = context.optionalOption("type").flatMap(ActivityType::of).orElse(ActivityType.CODING);
        activities.record(context.project().id(), Person.user(context.userId()), List.of(location), type, Source.CHAT, null, null, null);
        return Reply.privately("Noted: you are " + type.id() + " " + location + " in " + context.project().name()
                + ". `/ticolops working stop` when you are done.");
    }
}
