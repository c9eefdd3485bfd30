package com.ticolops.bot.repo;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * {@code repo token <github|gitlab> <token> [repository|base-url] [base-url]}: an API token for all of the project's
 * repositories on that host, or for one repository (given before or after connecting it). The token is checked with
 * one API call, stored encrypted and never shown again, not even in the reply.
 */
@Component
class RepoTokenCommand implements CommandHandler {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:-]{8,512}");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
    private static final CommandSpec SPEC = new CommandSpec("repo token",
            "Gives Ticolops an API token so it can register webhooks itself; stored encrypted, never shown",
            List.of(OptionSpec.choice("provider", true, "where the repositories are hosted", List.of("github", "gitlab")),
                    OptionSpec.required("token", OptionType.WORD, "a GitHub token with admin:repo_hook, or a GitLab token with the api scope"),
                    OptionSpec.optional("for", OptionType.WORD, "one repository (owner/name) instead of all, or a self-hosted GitLab's address"),
                    OptionSpec.optional("base-url", OptionType.WORD, "a self-hosted GitLab's address, after a repository")),
            Role.MAINTAINER, "repo token github ghp_16C7e42F292c6912E7710c838347Ae178B4a");

    private final AccessTokens tokens;
    private final GitHosts hosts;

    RepoTokenCommand(AccessTokens tokens, GitHosts hosts) {
        this.tokens = tokens;
        this.hosts = hosts;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        GitProvider provider = GitProvider.valueOf(context.option("provider").toUpperCase(Locale.ROOT));
        String token = context.option("token");
        if (!TOKEN.matcher(token).matches()) {
            throw new CommandException("That does not look like a " + GitHosts.label(provider) + " token: paste the token itself, with nothing around it.");
        }
        String target = context.optionalOption("for").orElse(null);
        String baseUrl = context.optionalOption("base-url").orElse(null);
        String repository = null;
        if (target != null && target.matches("(?i)https?://.*")) {
            baseUrl = target;
        } else if (target != null) {
            if (!REPOSITORY.matcher(target).matches()) {
                throw new CommandException("`" + target + "` is neither a repository (owner/name) nor an https address.");
            }
            repository = target;
        }
        if (baseUrl != null && provider == GitProvider.GITHUB) {
            throw new CommandException("A base URL is for self-hosted GitLab; GitHub's API address is set by the administrator (ticolops.github.api-url).");
        }
        String apiUrl = hosts.apiUrl(provider, baseUrl);
        GitHostAccess access = new GitHostAccess(hosts.safe(provider, apiUrl), token);
        String owner;
        try {
            owner = hosts.client(provider).tokenOwner(access);
        } catch (GitHostException e) {
            if (e.reason() == GitHostException.Reason.UNAUTHORIZED || e.reason() == GitHostException.Reason.FORBIDDEN) {
                throw new CommandException(GitHosts.label(provider) + " does not accept this token (" + e.getMessage()
                        + "). Nothing was saved; check it is complete and not expired.");
            }
            throw new CommandException(GitHosts.label(provider) + " (" + apiUrl + ") could not check the token: " + e.getMessage() + ". Nothing was saved.");
        }
        tokens.store(context.project().id(), provider, apiUrl, repository, token, context.userId());
        return Reply.privately("Saved " + owner + "'s " + GitHosts.label(provider) + " token for "
                + (repository == null ? "the repositories of " + context.project().name() + " on " + apiUrl : repository)
                + ". It is stored encrypted and will not be shown again. /ticolops repo connect now registers webhooks itself.");
    }
}
