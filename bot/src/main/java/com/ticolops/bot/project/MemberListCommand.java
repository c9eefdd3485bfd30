package com.ticolops.bot.project;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.bot.command.Role;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
class MemberListCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("member list", "Lists the members of this channel's project and their roles",
            List.of(), Role.MEMBER, "member list");

    private final Projects projects;
    private final Users users;

    MemberListCommand(Projects projects, Users users) {
        this.projects = projects;
        this.users = users;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<Projects.Member> members = projects.members(context.project().id());
        return Reply.privately(context.project().name() + " has " + members.size() + (members.size() == 1 ? " member." : " members."))
                .withSection("Members", members.stream()
                        .map(m -> users.mention(m.userId(), context.actor().platform()) + " — " + m.role().id()).collect(Collectors.joining("\n")));
    }
}
