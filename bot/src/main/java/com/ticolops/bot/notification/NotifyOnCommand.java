package com.ticolops.bot.notification;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code notify on <kind> on|off}: turns one kind of notification on or off. */
@Component
class NotifyOnCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("notify on", "Turns one kind of notification on or off",
            List.of(OptionSpec.choice("kind", true, "what the notifications are about", NotificationKind.ids()),
                    OptionSpec.choice("state", true, "on or off", List.of("on", "off"))),
            null, "notify on conflicts off");

    private final NotificationPreferences preferences;

    NotifyOnCommand(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        NotificationKind kind = NotificationKind.of(context.option("kind")).orElseThrow();
        boolean on = context.option("state").equals("on");
        preferences.kind(context.userId(), kind, on);
        return Reply.privately(on ? "You will be notified of " + kind.id() + " again." : "You will no longer be notified of " + kind.id() + ".");
    }
}
