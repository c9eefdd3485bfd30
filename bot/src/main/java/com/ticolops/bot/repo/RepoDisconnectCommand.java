package com.ticolops.bot.repo;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.AnnouncementRequested;
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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@code repo disconnect <repo>}: removes the webhook Ticolops registered, then the repository with its subscriptions.
 *
 * <p>When the hook cannot be removed (token revoked, provider down) the repository is disconnected all the same, and the
 * reply says so with a link to remove the hook by hand: its secret is gone with the repository, so every further
 * delivery is refused and nothing is announced, and keeping a repository the user wants gone because of an expired
 * token would leave them stuck.
 */
@Component
class RepoDisconnectCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(RepoDisconnectCommand.class);
    private static final CommandSpec SPEC = new CommandSpec("repo disconnect",
            "Disconnects a repository from this channel's project and removes the webhook Ticolops registered",
            List.of(OptionSpec.required("repository", OptionType.WORD, "owner/name as connected"),
                    OptionSpec.choice("provider", false, "when a GitHub and a GitLab repository share the name", List.of("github", "gitlab"))),
            Role.MAINTAINER, "repo disconnect octo-org/shop");

    private final Repositories repositories;
    private final GitHosts hosts;
    private final AccessTokens tokens;
    private final ApplicationEventPublisher events;

    RepoDisconnectCommand(Repositories repositories, GitHosts hosts, AccessTokens tokens, ApplicationEventPublisher events) {
        this.repositories = repositories;
        this.hosts = hosts;
        this.tokens = tokens;
        this.events = events;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        String name = context.option("repository");
        Optional<GitProvider> provider = context.optionalOption("provider").map(p -> GitProvider.valueOf(p.toUpperCase(Locale.ROOT)));
        List<Repositories.Ref> named = repositories.named(context.project().id(), name).stream()
                .filter(ref -> provider.isEmpty() || ref.provider() == provider.get()).toList();
        if (named.isEmpty()) {
            throw new CommandException(name + " is not connected to " + context.project().name() + ". See /ticolops repo list.");
        }
        if (named.size() > 1) {
            throw new CommandException("Both a GitHub and a GitLab repository are called " + name + ": say which, e.g. /ticolops repo disconnect "
                    + name + " gitlab");
        }
        Repositories.Hooked repository = repositories.hooked(named.get(0).id()).orElseThrow();
        String hookNote = removeHook(context, repository);
        repositories.disconnect(repository.id());
        tokens.forgetRepository(context.project().id(), repository.provider(), repository.fullName());
        events.publishEvent(new AnnouncementRequested(context.conversation(), Reply.inChannel(context.caller().mention() + " disconnected "
                + GitHosts.label(repository.provider()) + " repository " + repository.fullName() + " from " + context.project().name() + ".")));
        return Reply.privately("Disconnected " + repository.fullName() + " from " + context.project().name() + ". " + hookNote);
    }

    private String removeHook(CommandContext context, Repositories.Hooked repository) {
        String label = GitHosts.label(repository.provider());
        if (repository.hookId() == null) {
            return "Its webhook was added by hand: remove it in the repository's settings on " + label + ".";
        }
        String apiUrl = repository.apiUrl() != null ? repository.apiUrl() : hosts.apiUrl(repository.provider(), null);
        Optional<GitHostAccess> access;
        try {
            access = hosts.access(context.project().id(), repository.provider(), apiUrl, repository.fullName());
        } catch (CommandException refused) {
            return "Its webhook was not removed (" + refused.getMessage() + "): remove it in the repository's settings on " + label + ".";
        }
        if (access.isEmpty()) {
            return "No " + label + " token is set any more, so its webhook was not removed: remove it in the repository's settings on " + label + ".";
        }
        try {
            boolean removed = hosts.client(repository.provider()).deleteHook(access.get(), repository.fullName(), repository.hookId());
            return removed ? "Its webhook on " + label + " was removed." : "Its webhook was already gone from " + label + ".";
        } catch (GitHostException e) {
            log.warn("Could not remove webhook {} of {}: {}", repository.hookId(), repository.fullName(), e.getMessage());
            return "Its webhook could not be removed (" + GitHosts.explain(e, repository.provider(), repository.fullName()).getMessage()
                    + "): remove it in the repository's settings on " + label + "; until then its deliveries are refused.";
        }
    }
}
