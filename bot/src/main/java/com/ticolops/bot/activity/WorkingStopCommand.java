package com.ticolops.bot.activity;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class WorkingStopCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("working stop", "Says you stopped working on what you named with working",
            List.of(), null, "working stop");

    private final Activities activities;

    WorkingStopCommand(Activities activities) {
        this.activities = activities;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        int ended = activities.stop(context.userId());
        return Reply.privately(ended == 0 ? "You were not working on anything you had named." : "Noted: you stopped working on "
                + (ended == 1 ? "1 location." : ended + " locations."));
    }
}
