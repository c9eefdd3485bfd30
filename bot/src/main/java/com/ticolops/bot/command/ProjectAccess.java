package com.ticolops.bot.command;

import com.ticolops.integrations.chat.Conversation;
import java.util.Optional;

/** What the dispatcher needs to know to check a role; implemented by the project module. */
public interface ProjectAccess {

    /** The user behind a chat account, created on first sight. */
    long userFor(ChatUser chatUser, String displayName);

    Optional<ProjectRef> projectOf(Conversation conversation);

    Optional<Role> roleOf(long userId, long projectId);
}
