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
class MemberAddCommand implements CommandHandler {

    static final List<String> ROLES = List.of("admin", "maintainer", "member");
    private static final CommandSpec SPEC = new CommandSpec("member add", "Adds someone to this channel's project",
            List.of(OptionSpec.required("user", OptionType.USER, "who to add"),
                    OptionSpec.choice("role", false, "their role, member unless given", ROLES)),
            Role.ADMIN, "member add @bob maintainer");

    private final Projects projects;
    private final Users users;

    MemberAddCommand(Projects projects, Users users) {
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
        Role role = context.optionalOption("role").map(r -> Role.valueOf(r.toUpperCase(Locale.ROOT))).orElse(Role.MEMBER);
        try {
            projects.addMember(project, users.resolve(who, who.userId()), role);
        } catch (ProjectException e) {
            throw new CommandException(who.mention() + " is already " + e.currentRole().orElseThrow().withArticle() + " of " + project.name()
                    + ". Change it with /ticolops member role " + who.mention() + " <role>.");
        }
        return Reply.inChannel(who.mention() + " joined " + project.name() + " as " + role.id() + ", added by " + context.caller().mention() + ".");
    }
}
