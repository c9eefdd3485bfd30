package com.ticolops.bot.user;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code link account [code]}: ties your accounts on Slack, Discord and the console to one person. A code shown on one
 * platform and typed on another proves both accounts are yours, which no user id we receive could.
 */
@Component
class LinkAccountCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("link account",
            "Makes your Slack, Discord and console accounts one: run it without a code, then with the code on the other platform",
            List.of(OptionSpec.optional("code", OptionType.WORD, "the code you got from link account on your other platform")), null,
            "link account 7KQ2M9XA");

    private final Users users;

    LinkAccountCommand(Users users) {
        this.users = users;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        Optional<String> code = context.optionalOption("code");
        if (code.isEmpty()) {
            Users.LinkCode fresh = users.newLinkCode(context.userId());
            return Reply.privately("Your link code is " + fresh.code() + ". On your other platform (Slack, Discord or the console) run "
                    + "`/ticolops link account " + fresh.code() + "` within " + Users.LINK_CODE_LIFETIME.toMinutes() + " minutes.");
        }
        long owner;
        try {
            owner = users.redeemLinkCode(code.get(), context.userId());
        } catch (AccountLinkException e) {
            throw new CommandException(switch (e.reason()) {
                case SAME_ACCOUNT -> "That code is from this same account. Run it on your other platform (Slack, Discord or the console).";
                case SAME_PLATFORM -> "That code belongs to someone who already has a " + context.actor().platform().id() + " account: link account "
                        + "joins your accounts on different platforms (Slack, Discord, the console), not two accounts on one.";
                default -> "The link code " + code.get() + " is unknown or has expired. Run `/ticolops link account` on your other platform for a new one.";
            });
        }
        return Reply.privately("Linked: this " + context.actor().platform().id() + " account is now one person with "
                + users.displayName(owner) + "'s other accounts, with the projects and roles of both.");
    }
}
