package com.ticolops.bot.project;

import com.ticolops.bot.command.ChatUser;
import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.ProjectRef;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.bot.command.Role;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

@Component
class MemberRoleCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("member role", "Changes a member's role in this channel's project",
            List.of(OptionSpec.required("user", OptionType.USER, "whose role to change"),
                    OptionSpec.choice("role", true, "their new role", MemberAddCommand.ROLES)),
            Role.ADMIN, "member role @bob maintainer");

    private final Projects projects;
    private final Users users;

    MemberRoleCommand(Projects projects, Users users) {
        this.projects = projects;
        this.users = users;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        ProjectRef project = context.project();
        ChatUser who = context.user("user");
        Role role = Role.valueOf(context.option("role").toUpperCase(Locale.ROOT));
        Role before;
        try {
            before = projects.changeRole(project, users.resolve(who, who.userId()), role);
        } catch (ProjectException e) {
            throw new CommandException(e.reason() == ProjectException.Reason.ONLY_ADMIN
                    ? who.mention() + " is the only admin of " + project.name() + ". Make someone else admin first."
                    : who.mention() + " is not a member of " + project.name() + ". Add them with /ticolops member add " + who.mention() + " " + role.id() + ".");
        }
        if (before == role) {
            return Reply.privately(who.mention() + " is already " + role.withArticle() + " of " + project.name() + ".");
        }
        return Reply.inChannel(who.mention() + " is now " + role.withArticle() + " of " + project.name() + " (was " + before.id() + ").");
    }
}
