package com.ticolops.bot.notification;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code notify quiet <range>|off}: hours in which notifications are held, then delivered in one batch. */
@Component
class NotifyQuietCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("notify quiet",
            "Holds your notifications during these hours, in your time zone, and sends them in one batch after",
            List.of(OptionSpec.required("range", OptionType.WORD, "from-to in 24-hour time, e.g. 19:00-08:00, or off")), null, "notify quiet 19:00-08:00");

    private final NotificationPreferences preferences;

    NotifyQuietCommand(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        Optional<QuietHours> quiet;
        try {
            quiet = preferences.quiet(context.userId(), context.option("range"));
        } catch (NotificationException e) {
            throw NotifyReplies.refused(e);
        }
        if (quiet.isEmpty()) {
            return Reply.privately("No quiet hours: notifications reach you as they happen.");
        }
        NotificationPreferences.Shown shown = preferences.show(context.userId());
        return Reply.privately("Quiet hours " + NotifyReplies.quiet(quiet.get(), shown.zone(), shown.zoneStored())
                + ": notifications are held then and sent in one message after.");
    }
}
