package com.ticolops.bot.repository;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.chat.Role;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
class RepoListCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("repo list", "Lists the repositories connected to this channel's project",
            List.of(), Role.MEMBER, "repo list");

    private final Repositories repositories;

    RepoListCommand(Repositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<Repositories.Connected> connected = repositories.of(context.project().id());
        if (connected.isEmpty()) {
            return Reply.privately(context.project().name() + " has no repositories yet. Connect one: /ticolops repo connect github <owner/name>");
        }
        return Reply.privately(context.project().name() + " has " + connected.size() + (connected.size() == 1 ? " repository." : " repositories."))
                .withSection("Repositories", connected.stream()
                        .map(r -> r.provider().id() + " " + r.fullName() + (r.defaultBranch() == null ? "" : " (" + r.defaultBranch() + ")"))
                        .collect(Collectors.joining("\n")));
    }
}
