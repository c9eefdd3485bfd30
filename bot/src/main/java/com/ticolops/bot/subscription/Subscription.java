package com.ticolops.bot.subscription;

import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.git.GitProvider;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one channel receives from one connected repository.
 *
 * @param features empty only in what {@code unsubscribe} returns once the channel gets nothing more (the row is gone)
 * @param createdBy who last set it; {@code not-mine} and {@code author:team} are seen from this user
 */
public record Subscription(long id, long repositoryId, GitProvider provider, String repository, Conversation conversation, Set<Feature> features,
                           SubscriptionFilters filters, long createdBy) {

    public Subscription {
        features = Collections.unmodifiableSet(features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features));
    }

    Subscription withFeatures(Set<Feature> newFeatures) {
        return new Subscription(id, repositoryId, provider, repository, conversation, newFeatures, filters, createdBy);
    }
}
