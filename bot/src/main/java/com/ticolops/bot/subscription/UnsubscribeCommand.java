package com.ticolops.bot.subscription;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code unsubscribe <repo> [features]}: without features, the channel stops receiving anything from the repository. */
@Component
class UnsubscribeCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("unsubscribe", "Stops some or all events of a repository in this channel",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a repository this channel is subscribed to"),
                    OptionSpec.optional("features", OptionType.TEXT, "which to stop (" + SubscriptionWords.FEATURE_NAMES + "); all when left out")),
            Role.MEMBER, "unsubscribe octo-org/shop comments");

    private final SubscriptionService subscriptions;

    UnsubscribeCommand(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        String repository = context.option("repository");
        SubscriptionWords words = SubscriptionWords.parse(context.optionalOption("features").orElse(""));
        if (!words.filters().keys().isEmpty()) {
            throw new CommandException("unsubscribe takes features, not filters. To remove a filter, run /ticolops subscribe " + repository
                    + " with <key>:*, e.g. branch:*.");
        }
        try {
            Subscription left = subscriptions.unsubscribe(context.project().id(), context.conversation(), repository, words.features());
            if (left.features().isEmpty()) {
                return Reply.inChannel("This channel no longer gets anything from " + left.repository() + ", unsubscribed by "
                        + context.caller().mention() + ".");
            }
            return Reply.inChannel("This channel now gets " + SubscriptionReplies.gets(left) + ", changed by " + context.caller().mention() + ".");
        } catch (SubscriptionException refused) {
            throw SubscriptionReplies.refusal(refused, context.project());
        }
    }
}
