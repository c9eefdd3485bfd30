package com.ticolops.bot.conflict;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ConflictsDismissCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("conflicts dismiss", "Silences an open conflict: no longer listed or announced",
            List.of(OptionSpec.required("id", OptionType.WORD, "the conflict's number, as conflicts lists it")), Role.MEMBER, "conflicts dismiss 12");

    private final Conflicts conflicts;

    ConflictsDismissCommand(Conflicts conflicts) {
        this.conflicts = conflicts;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        String id = context.option("id").replaceFirst("^#", "");
        if (!id.matches("\\d{1,18}")) {
            throw new CommandException("A conflict is named by its number, e.g. `/ticolops conflicts dismiss 12`; `" + context.option("id") + "` is not one.");
        }
        try {
            conflicts.dismiss(context.project().id(), Long.parseLong(id));
        } catch (ConflictException e) {
            throw new CommandException(context.project().name() + " has no open conflict #" + e.id() + ". `/ticolops conflicts` lists them.");
        }
        return Reply.privately("Conflict #" + id + " dismissed: it is no longer listed or announced.");
    }
}
