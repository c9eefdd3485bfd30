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
import org.springframework.stereotype.Component;

@Component
class MemberRemoveCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("member remove", "Removes someone from this channel's project",
            List.of(OptionSpec.required("user", OptionType.USER, "who to remove")), Role.ADMIN, "member remove @bob");

    private final Projects projects;
    private final Users users;

    MemberRemoveCommand(Projects projects, Users users) {
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
        try {
            projects.removeMember(project, users.resolve(who, who.userId()));
        } catch (ProjectException e) {
            throw new CommandException(e.reason() == ProjectException.Reason.ONLY_ADMIN
                    ? who.mention() + " is the only admin of " + project.name() + ". Make someone else admin first: /ticolops member role @someone admin."
                    : who.mention() + " is not a member of " + project.name() + ".");
        }
        return Reply.inChannel(who.mention() + " was removed from " + project.name() + " by " + context.caller().mention() + ".");
    }
}
