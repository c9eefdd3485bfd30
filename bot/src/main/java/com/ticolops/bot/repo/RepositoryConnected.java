package com.ticolops.bot.repo;

import com.ticolops.integrations.chat.Conversation;

/** A repository was connected from a channel, by a user; published inside the connecting transaction. */
public record RepositoryConnected(Repositories.Ref repository, String projectName, Requester by) {

    public long repositoryId() {
        return repository.id();
    }

    public Conversation conversation() {
        return by.conversation();
    }

    public long userId() {
        return by.userId();
    }
}
