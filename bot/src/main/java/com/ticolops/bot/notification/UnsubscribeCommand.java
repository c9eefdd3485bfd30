package com.ticolops.bot.notification;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.repo.Repositories;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.git.RepositoryActivity.Feature;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code unsubscribe <repo> [features]}: without features, the channel stops receiving anything from the repository. */
@Component
class UnsubscribeCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("unsubscribe", "Stops some or all events of a repository in this channel",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a repository this channel is subscribed to"),
                    OptionSpec.optional("features", OptionType.TEXT, "which to stop (" + SubscriptionWords.FEATURE_NAMES + "); all when left out")),
            Role.MEMBER, "unsubscribe octo-org/shop comments");

    private final Repositories repositories;
    private final Subscriptions subscriptions;

    UnsubscribeCommand(Repositories repositories, Subscriptions subscriptions) {
        this.repositories = repositories;
        this.subscriptions = subscriptions;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        Repositories.Ref repository = SubscriptionWords.repository(repositories, context.project().id(), context.project().name(),
                context.option("repository"));
        Subscriptions.Subscription subscription = subscriptions.find(repository.id(), context.conversation())
                .orElseThrow(() -> new CommandException("This channel is not subscribed to " + repository.fullName() + "."));
        SubscriptionWords words = SubscriptionWords.parse(context.optionalOption("features").orElse(""));
        if (!words.filters().isEmpty()) {
            throw new CommandException("unsubscribe takes features, not filters. To change filters, run /ticolops subscribe "
                    + repository.fullName() + " with the new ones.");
        }
        Set<Feature> left = EnumSet.noneOf(Feature.class);
        left.addAll(subscription.features());
        left.removeAll(words.features());
        if (words.features().isEmpty() || left.isEmpty()) {
            subscriptions.delete(repository.id(), context.conversation());
            return Reply.inChannel("This channel no longer gets anything from " + repository.fullName() + ", unsubscribed by "
                    + context.caller().mention() + ".");
        }
        subscriptions.save(repository.id(), context.conversation(), left, subscription.filters(), subscription.createdBy());
        return Reply.inChannel("This channel now gets " + SubscriptionWords.describe(left) + " from "
                + repository.fullName() + ", changed by " + context.caller().mention() + ".");
    }
}
