package com.ticolops.bot.notification;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** {@code notify}: shows where your notifications go, which kinds, your quiet hours and muted projects. */
@Component
class NotifyCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("notify",
            "Shows how you are notified: channel, kinds, quiet hours, muted projects (change them with notify via|on|quiet|mute)",
            List.of(), null, "notify").asGroupMember("show");

    private final NotificationPreferences preferences;

    NotifyCommand(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        NotificationPreferences.Shown shown = preferences.show(context.userId());
        String via = shown.channel().map(channel -> NotifyReplies.describe(channel, context.actor().platform()) + shown.destination().map(d -> " (" + d + ")").orElse("")
                        + (shown.chosen() ? "" : ", your chat account by default"))
                .orElse("nowhere yet: you have no chat account this Ticolops talks on; choose with /ticolops notify via");
        String on = Arrays.stream(NotificationKind.values()).filter(kind -> !shown.off().contains(kind)).map(NotificationKind::id)
                .collect(Collectors.joining(", "));
        String off = shown.off().stream().sorted().map(NotificationKind::id).collect(Collectors.joining(", "));
        return Reply.privately("Your notifications go by " + via + ".")
                .withField("On", on.isEmpty() ? "none" : on)
                .withField("Off", off.isEmpty() ? "none" : off)
                .withField("Quiet hours", shown.quiet().map(quiet -> NotifyReplies.quiet(quiet, shown.zone(), shown.zoneStored())).orElse("none"))
                .withField("Muted projects", shown.mutedProjects().isEmpty() ? "none" : String.join(", ", shown.mutedProjects()));
    }
}
