package com.ticolops.bot.conflict;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
class ConflictsCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("conflicts", "Lists this project's open conflicts: who overlaps where, most severe first",
            List.of(), Role.MEMBER, "conflicts").asGroupMember("list");

    private final Conflicts conflicts;
    private final ConflictMessages messages;

    ConflictsCommand(Conflicts conflicts, ConflictMessages messages) {
        this.conflicts = conflicts;
        this.messages = messages;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<Conflict> open = conflicts.listed(context.project().id());
        if (open.isEmpty()) {
            return Reply.privately(context.project().name() + " has no open conflicts.");
        }
        return Reply.privately(context.project().name() + " has " + open.size() + (open.size() == 1 ? " open conflict." : " open conflicts."))
                .withSection("Conflicts", open.stream().map(c -> messages.line(c, context.actor().platform())).collect(Collectors.joining("\n")))
                .withSection("Silence one", "/ticolops conflicts dismiss <id>");
    }
}
