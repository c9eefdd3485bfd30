package com.ticolops.bot.subscription;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
class SubscriptionsCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("subscriptions", "Lists what this channel receives from which repositories",
            List.of(), null, "subscriptions");

    private final Subscriptions subscriptions;

    SubscriptionsCommand(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<Subscriptions.Subscription> mine = subscriptions.ofChannel(context.conversation());
        if (mine.isEmpty()) {
            return Reply.privately("This channel is not subscribed to any repository. Subscribe with /ticolops subscribe <repository> [features] [filters].");
        }
        return Reply.privately("This channel is subscribed to " + mine.size() + (mine.size() == 1 ? " repository." : " repositories."))
                .withSection("Subscriptions", mine.stream().map(s -> s.repository() + " (" + s.provider().id() + "): "
                        + SubscriptionWords.describe(s.features()) + (s.filters().isEmpty() ? "" : " — " + s.filters().describe()))
                        .collect(Collectors.joining("\n")));
    }
}
