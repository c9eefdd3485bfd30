package com.ticolops.bot.notification;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code notify via <channel> [target]}: where your notifications go. */
@Component
class NotifyViaCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("notify via", "Chooses where your notifications go: a direct message, email or your own webhook",
            List.of(OptionSpec.choice("channel", true, "slack, discord or console direct messages, email or webhook", Channel.ids()),
                    OptionSpec.optional("target", OptionType.WORD, "for email the address (default: your linked one), for webhook its https URL")),
            null, "notify via webhook https://example.com/hooks/ticolops");

    private final NotificationPreferences preferences;

    NotifyViaCommand(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        NotificationPreferences.ViaResult result;
        try {
            result = preferences.via(context.userId(), Channel.of(context.option("channel")), context.optionalOption("target"));
        } catch (NotificationException e) {
            throw NotifyReplies.refused(e);
        }
        if (result instanceof NotificationPreferences.WebhookSet set) {
            return Reply.privately("Your notifications now go to your webhook at " + set.host()
                            + ", signed as Standard Webhooks say (webhook-id, webhook-timestamp, webhook-signature). Keep this secret to verify them; "
                            + "it is shown only now.")
                    .withField("Secret", set.secret());
        }
        if (result instanceof NotificationPreferences.VerificationSent sent) {
            return Reply.privately("First confirm " + sent.address()
                    + ": we emailed it a link. Nothing changed yet; once you open the link, your notifications come by email.");
        }
        return Reply.privately("Your notifications now come by " + NotifyReplies.describe(((NotificationPreferences.Switched) result).channel(),
                context.actor().platform()) + ".");
    }
}
