package com.ticolops.bot.project;

import com.ticolops.bot.command.ChatUser;
import com.ticolops.bot.command.ProjectAccess;
import com.ticolops.bot.command.ProjectRef;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.bot.command.Role;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
class ProjectAccessAdapter implements ProjectAccess {

    private final Users users;
    private final Projects projects;

    ProjectAccessAdapter(Users users, Projects projects) {
        this.users = users;
        this.projects = projects;
    }

    @Override
    public long userFor(ChatUser chatUser, String displayName) {
        return users.resolve(chatUser, displayName);
    }

    @Override
    public Optional<ProjectRef> projectOf(Conversation conversation) {
        return projects.projectOf(conversation);
    }

    @Override
    public Optional<Role> roleOf(long userId, long projectId) {
        return projects.roleOf(userId, projectId);
    }
}
