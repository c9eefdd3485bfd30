package com.ticolops.bot.subscription;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** {@code subscriptions}: what this channel receives; members only, like {@code repo list}, since it names the project's repositories. */
@Component
class SubscriptionsCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("subscriptions", "Lists what this channel receives from which repositories",
            List.of(), Role.MEMBER, "subscriptions");

    private final SubscriptionService subscriptions;

    SubscriptionsCommand(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<Subscription> all = subscriptions.list(context.conversation());
        if (all.isEmpty()) {
            return Reply.privately("This channel is not subscribed to any repository. Subscribe with /ticolops subscribe <repository> [features] [filters].");
        }
        return Reply.privately("This channel is subscribed to " + all.size() + (all.size() == 1 ? " repository." : " repositories."))
                .withSection("Subscriptions", all.stream().map(s -> s.repository() + " (" + s.provider().id() + "): "
                        + SubscriptionReplies.features(s.features()) + (s.filters().isEmpty() ? "" : " — " + s.filters().describe()))
                        .collect(Collectors.joining("\n")));
    }
}
