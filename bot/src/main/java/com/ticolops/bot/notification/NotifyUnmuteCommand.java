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

/** {@code notify unmute <project>}: notifications about the project again. */
@Component
class NotifyUnmuteCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("notify unmute", "Resumes your notifications about a project you muted",
            List.of(OptionSpec.required("project", OptionType.WORD, "the project's name")), null, "notify unmute shop");

    private final NotificationPreferences preferences;

    NotifyUnmuteCommand(NotificationPreferences preferences) {
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
            project = preferences.mute(context.userId(), context.option("project"), false);
        } catch (NotificationException e) {
            throw NotifyReplies.refused(e);
        }
        return Reply.privately("Notifications about " + project.name() + " are on again.");
    }
}
