package com.ticolops.bot.repo;

import com.ticolops.integrations.chat.Conversation;

/** A repository was connected from a channel, by a user; published inside the connecting transaction. */
public record RepositoryConnected(long repositoryId, Conversation conversation, long userId) {
}
