package com.ticolops.bot.deployment;

import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.Conversation;

/**
 * Who asks, with their role in the project, and from where.
 *
 * @param name as shown to people, e.g. {@code @alice}
 */
public record Caller(long userId, String name, Role role, Conversation conversation) {
}
