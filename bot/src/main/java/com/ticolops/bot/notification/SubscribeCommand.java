package com.ticolops.bot.notification;

import com.ticolops.bot.command.CommandContext;
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
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code subscribe <repo> [features] [filters]}: features add to what the channel already gets; filters, when given,
 * replace the channel's filters for that repository.
 */
@Component
class SubscribeCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("subscribe",
            "Chooses which events of a connected repository this channel receives, and filters them",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a repository connected to this channel's project"),
                    OptionSpec.optional("what", OptionType.TEXT, "features (" + SubscriptionWords.FEATURE_NAMES + ", all) and filters ("
                            + SubscriptionFilters.SYNTAX + ")")),
            Role.MEMBER, "subscribe octo-org/shop pulls reviews pipelines branch:main status:failure");

    private final Repositories repositories;
    private final Subscriptions subscriptions;

    SubscribeCommand(Repositories repositories, Subscriptions subscriptions) {
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
        SubscriptionWords words = SubscriptionWords.parse(context.optionalOption("what").orElse(""));
        SubscriptionFilters filters = SubscriptionFilters.parse(words.filters());
        Optional<Subscriptions.Subscription> existing = subscriptions.find(repository.id(), context.conversation());
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        existing.ifPresent(subscription -> features.addAll(subscription.features()));
        features.addAll(words.features().isEmpty() && existing.isEmpty() ? SubscriptionWords.DEFAULT_FEATURES : words.features());
        SubscriptionFilters kept = words.filters().isEmpty() ? existing.map(Subscriptions.Subscription::filters).orElse(filters) : filters;
        subscriptions.save(repository.id(), context.conversation(), features, kept, context.userId());
        String filtered = kept.isEmpty() ? "" : ", filtered by " + kept.describe();
        return Reply.inChannel("This channel now gets " + SubscriptionWords.describe(features) + " from "
                + repository.fullName() + filtered + ", set by " + context.caller().mention() + ".");
    }
}
