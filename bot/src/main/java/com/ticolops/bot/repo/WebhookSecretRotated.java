package com.ticolops.bot.repo;

/** A repository's webhook secret was replaced, from a channel, by a user; published inside the transaction that stored it. */
public record WebhookSecretRotated(Repositories.Ref repository, String projectName, Requester by) {
}
