package com.ticolops.bot.repo;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.GitProvider;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code repo disconnect <repo>}: removes the webhook Ticolops registered, then the repository with its subscriptions.
 * When the hook cannot be removed the reply says so, with where to remove it by hand.
 */
@Component
class RepoDisconnectCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("repo disconnect",
            "Disconnects a repository from this channel's project and removes the webhook Ticolops registered",
            List.of(OptionSpec.required("repository", OptionType.WORD, "owner/name as connected"),
                    ProviderOption.SPEC),
            Role.MAINTAINER, "repo disconnect octo-org/shop");

    private final RepoService service;

    RepoDisconnectCommand(RepoService service) {
        this.service = service;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        GitProvider provider = ProviderOption.of(context);
        RepoService.Disconnection disconnection;
        try {
            disconnection = service.disconnect(context.project(), Requester.of(context),
                    context.option("repository"), provider);
        } catch (RepoException e) {
            throw RepoReplies.refusal(e);
        }
        return Reply.privately("Disconnected " + disconnection.fullName() + " from " + disconnection.projectName() + ". " + hookNote(disconnection));
    }

    private static String hookNote(RepoService.Disconnection disconnection) {
        String label = GitHosts.label(disconnection.provider());
        String byHand = "remove it in the repository's settings on " + label;
        return switch (disconnection.hook()) {
            case ADDED_BY_HAND -> "Its webhook was added by hand: " + byHand + ".";
            case REMOVED -> "Its webhook on " + label + " was removed.";
            case ALREADY_GONE -> "Its webhook was already gone from " + label + ".";
            case NO_TOKEN -> "No " + label + " token is set any more, so its webhook was not removed: " + byHand + ".";
            case ADDRESS_REFUSED -> "Its webhook was not removed (" + RepoReplies.text(disconnection.problem()) + "): " + byHand + ".";
            case FAILED -> "Its webhook could not be removed (" + RepoReplies.text(disconnection.problem()) + "): " + byHand
                    + "; until then its deliveries are refused.";
        };
    }
}
