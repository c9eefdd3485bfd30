package com.ticolops.bot.conflict;

import com.ticolops.integrations.git.GitProvider;

/**
 * A push to its target branch left an open pull (merge) request with conflicts: its author should hear of it.
 *
 * @param authorUserId   the author when they are one of our users (a linked login), else null
 * @param authorLogin    the author's Git login
 * @param pushDeliveryId the push that was checked: one notice per request and push, however often this is redelivered
 * @param sentence       what happened, in plain words
 */
public record PullRequestUnmergeable(long projectId, GitProvider provider, String repository, int number, Long authorUserId,
                                     String authorLogin, String targetBranch, String pushDeliveryId, String sentence) {
}
