package com.ticolops.bot.repo;

/** A repository was disconnected, its rows gone; published inside the disconnecting transaction. */
public record RepositoryDisconnected(Repositories.Ref repository, String projectName, Requester by) {
}
