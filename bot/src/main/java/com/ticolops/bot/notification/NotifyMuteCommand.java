package com.ticolops.bot.notification;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.ProjectRef;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code notify mute <project>}: no notifications about one of your projects. */
@Component
class NotifyMuteCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("notify mute", "Stops your notifications about one of your projects",
            List.of(OptionSpec.required("project", OptionType.WORD, "the project's name")), null, "notify mute shop");

    private final NotificationPreferences preferences;

    NotifyMuteCommand(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        ProjectRef project;
        try {
            project = preferences.mute(context.userId(), context.option("project"), true);
        } catch (NotificationException e) {
            throw NotifyReplies.refused(e);
        }
        return Reply.privately("Muted " + project.name() + ": no notifications about it until `/ticolops notify unmute " + project.name() + "`.");
    }
}
