package com.ticolops.bot.subscription;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code subscribe <repo> [features] [filters]}: features add to what the channel already gets; each filter replaces
 * only the filter of its key, and {@code <key>:*} removes it.
 */
@Component
class SubscribeCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("subscribe",
            "Chooses which events of a connected repository this channel receives, and filters them",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a repository connected to this channel's project"),
                    OptionSpec.optional("what", OptionType.TEXT, "features (" + SubscriptionWords.FEATURE_NAMES + ", all) and filters ("
                            + SubscriptionFilters.SYNTAX + ")")),
            Role.MEMBER, "subscribe octo-org/shop pulls reviews pipelines branch:main status:failure");

    private final SubscriptionService subscriptions;

    SubscribeCommand(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        SubscriptionWords words = SubscriptionWords.parse(context.optionalOption("what").orElse(""));
        try {
            Subscription subscription = subscriptions.subscribe(context.project().id(), context.conversation(), context.option("repository"),
                    words.features(), words.filters(), context.userId());
            return Reply.inChannel("This channel now gets " + SubscriptionReplies.gets(subscription) + ", set by " + context.caller().mention() + ".");
        } catch (SubscriptionException refused) {
            throw SubscriptionReplies.refusal(refused, context.project());
        }
    }
}
