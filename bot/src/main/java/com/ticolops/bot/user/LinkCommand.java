package com.ticolops.bot.user;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.regex.Pattern;

/** {@code link github|gitlab|email}: one handler per account kind, so each declares its own spec and validation. */
abstract class LinkCommand implements CommandHandler {

    private final Users users;
    private final IdentityKind kind;
    private final CommandSpec spec;
    private final Pattern valid;
    private final String expected;
    private final String label;

    LinkCommand(Users users, IdentityKind kind, String label, String option, Pattern valid, String expected, String example) {
        this.users = users;
        this.kind = kind;
        this.label = label;
        this.valid = valid;
        this.expected = expected;
        this.spec = new CommandSpec("link " + kind.id(), "Links your " + label + " to you, so your pushes and reviews are attributed to you",
                List.of(OptionSpec.required(option, OptionType.WORD, "your " + label)), null, "link " + kind.id() + " " + example);
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Reply handle(CommandContext context) {
        String value = context.option(spec.options().get(0).name());
        try {
            users.link(context.userId(), kind, value, valid);
        } catch (AccountLinkException e) {
            throw new CommandException(e.reason() == AccountLinkException.Reason.INVALID
                    ? "`" + value + "` is not a valid " + label + ": " + expected + ". Example: /ticolops " + spec.example()
                    : "The " + label + " " + value + " is already linked to someone else. If it is yours, ask them to link another.");
        }
        return Reply.privately("Linked " + label + " " + value + " to you.");
    }
}
