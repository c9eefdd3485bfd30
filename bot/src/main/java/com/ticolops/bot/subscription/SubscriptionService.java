package com.ticolops.bot.subscription;

import com.ticolops.bot.repo.Repositories;
import com.ticolops.bot.subscription.SubscriptionException.Reason;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.git.RepositoryActivity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The subscription use cases, the same for chat, the REST API and the settings page: which channel gets what from which
 * repository, and who receives an event.
 */
@Service
public class SubscriptionService {

    /** What a channel gets when its first {@code subscribe} names no feature: everything but the chattiest (comments). */
    static final Set<Feature> DEFAULT_FEATURES = EnumSet.complementOf(EnumSet.of(Feature.COMMENTS));

    private final Repositories repositories;
    private final Subscriptions subscriptions;

    SubscriptionService(Repositories repositories, Subscriptions subscriptions) {
        this.repositories = repositories;
        this.subscriptions = subscriptions;
    }

    /**
     * Adds features to what the channel gets from the repository and changes its filters key by key.
     *
     * @param repository {@code owner/name}, or {@code github:owner/name} when the project has it on both hosts
     * @param features   to add; none on a first subscription means {@link #DEFAULT_FEATURES}
     * @return the whole subscription as it now is
     */
    @Transactional
    public Subscription subscribe(long projectId, Conversation channel, String repository, Set<Feature> features, SubscriptionFilters.Change filters,
                                  long userId) {
        Repositories.Ref connected = connected(projectId, repository);
        Optional<Subscription> existing = subscriptions.find(connected.id(), channel);
        Set<Feature> gets = EnumSet.noneOf(Feature.class);
        existing.ifPresent(subscription -> gets.addAll(subscription.features()));
        gets.addAll(features.isEmpty() && existing.isEmpty() ? DEFAULT_FEATURES : features);
        SubscriptionFilters filtered = existing.map(Subscription::filters).orElse(SubscriptionFilters.NONE).apply(filters);
        subscriptions.save(connected.id(), channel, gets, filtered, userId);
        return subscriptions.find(connected.id(), channel).orElseThrow();
    }

    /**
     * Stops features; once none is left the subscription is deleted.
     *
     * @param features to stop; none stops everything
     * @return what the channel still gets, with no features once it gets nothing
     */
    @Transactional
    public Subscription unsubscribe(long projectId, Conversation channel, String repository, Set<Feature> features) {
        Repositories.Ref connected = connected(projectId, repository);
        Subscription subscription = subscriptions.find(connected.id(), channel)
                .orElseThrow(() -> new SubscriptionException(Reason.NOT_SUBSCRIBED, connected.fullName()));
        Set<Feature> left = EnumSet.noneOf(Feature.class);
        if (!features.isEmpty()) {
            left.addAll(subscription.features());
            left.removeAll(features);
        }
        if (left.isEmpty()) {
            subscriptions.delete(connected.id(), channel);
            return subscription.withFeatures(Set.of());
        }
        subscriptions.save(connected.id(), channel, left, subscription.filters(), subscription.createdBy());
        return subscription.withFeatures(left);
    }

    /** What the channel gets, by provider and repository name. */
    public List<Subscription> list(Conversation channel) {
        return subscriptions.ofChannel(channel);
    }

    /** The channels that receive an event: subscribed to its feature in its repository, with filters that let it through. */
    public List<Conversation> receivers(Feature feature, RepositoryActivity activity) {
        List<Conversation> receivers = new ArrayList<>();
        repositories.find(activity.provider(), activity.repository()).ifPresent(repository -> {
            for (Subscription subscription : subscriptions.ofRepository(repository.id(), feature)) {
                if (subscription.filters().isEmpty() || subscription.filters().matches(feature, activity,
                        subscriptions.audience(subscription.createdBy(), repository.projectId(), activity.provider()))) {
                    receivers.add(subscription.conversation());
                }
            }
        });
        return receivers;
    }

    private Repositories.Ref connected(long projectId, String typed) {
        int colon = typed.indexOf(':');
        String name = colon > 0 ? typed.substring(colon + 1) : typed;
        List<Repositories.Ref> found = repositories.named(projectId, name).stream()
                .filter(ref -> colon <= 0 || ref.provider().id().equalsIgnoreCase(typed.substring(0, colon))).toList();
        if (found.isEmpty()) {
            throw new SubscriptionException(Reason.NOT_CONNECTED, name);
        }
        if (found.size() > 1) {
            throw new SubscriptionException(Reason.CONNECTED_FROM_BOTH, name);
        }
        return found.get(0);
    }
}
