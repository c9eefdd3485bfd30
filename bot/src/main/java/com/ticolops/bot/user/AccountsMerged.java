package com.ticolops.bot.user;

/**
 * Two users turned out to be one person ({@code link account}): everything of {@code merged} now belongs to
 * {@code kept}. Published inside the merge's transaction, before the merged user is deleted, so each module moves its
 * own rows in that same transaction ({@code @EventListener}, not after commit): the merge happens entirely or not at all.
 */
public record AccountsMerged(long kept, long merged) {
}
