package com.ticolops.bot.deployment;

import com.ticolops.integrations.chat.Conversation;
import java.time.Instant;

/**
 * One entry of the deployment audit trail.
 *
 * @param action deploy, rollback, autodeploy, lock, unlock, override, cancel
 * @param reason why it was refused, or what was allowed with it (an override's reason), or null
 * @param where  the channel it was asked from, or null (a push)
 */
public record AuditEntry(Instant at, String actor, String action, String repository, String environment, boolean allowed, String reason,
                         Conversation where) {
}
