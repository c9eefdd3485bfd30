package com.ticolops.bot.repo;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.GitProvider;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code repo token <github|gitlab> <token> [repository|base-url] [base-url]}: an API token for all of the project's
 * repositories on that host, or for one repository (given before or after connecting it). The token is checked with
 * one API call, stored encrypted and never shown again, not even in the reply.
 */
@Component
class RepoTokenCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("repo token",
            "Gives Ticolops an API token so it can register webhooks itself; stored encrypted, never shown",
            List.of(OptionSpec.choice("provider", true, "where the repositories are hosted", List.of("github", "gitlab")),
                    OptionSpec.required("token", OptionType.WORD, "a GitHub token with admin:repo_hook, or a GitLab token with the api scope"),
                    OptionSpec.optional("for", OptionType.WORD, "one repository (owner/name) instead of all, or a self-hosted GitLab's address"),
                    OptionSpec.optional("base-url", OptionType.WORD, "a self-hosted GitLab's address, after a repository")),
            Role.MAINTAINER, "repo token github ghp_16C7e42F292c6912E7710c838347Ae178B4a");

    private final RepoService service;

    RepoTokenCommand(RepoService service) {
        this.service = service;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /** Checking the token calls GitHub or GitLab: the service keeps that call out of any transaction. */
    @Override
    public boolean inOneTransaction() {
        return false;
    }

    @Override
    public Reply handle(CommandContext context) {
        GitProvider provider = GitProvider.valueOf(context.option("provider").toUpperCase(Locale.ROOT));
        String target = context.optionalOption("for").orElse(null);
        String baseUrl = context.optionalOption("base-url").orElse(null);
        String repository = null;
        if (target != null && target.matches("(?i)https?://.*")) {
            baseUrl = target;
        } else {
            repository = target;
        }
        RepoService.TokenSaved saved;
        try {
            saved = service.setToken(context.project(), context.userId(), provider, context.option("token"), repository, baseUrl);
        } catch (RepoException e) {
            if (e.reason() == RepoException.Reason.NOT_A_REPOSITORY) {
                throw new CommandException("`" + e.subject() + "` is neither a repository (owner/name) nor an https address.");
            }
            throw RepoReplies.refusal(e);
        }
        return Reply.privately("Saved " + saved.owner() + "'s " + GitHosts.label(provider) + " token for "
                + (saved.repository() == null ? "the repositories of " + context.project().name() + " on " + saved.apiUrl() : saved.repository())
                + ". It is stored encrypted and will not be shown again. /ticolops repo connect now registers webhooks itself.");
    }
}
