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
import com.ticolops.integrations.git.GitHostClient;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

@Component
class RepoConnectCommand implements CommandHandler {

    /** {@code owner/name}, or a GitHub URL to it (https or ssh, with or without {@code .git}). */
    private static final Pattern GITHUB_REPOSITORY = Pattern.compile(
            "^(?:(?:https?://)?(?:www\\.)?github\\.com[/:]|git@github\\.com:)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]{1,100}?)(?:\\.git)?/?$");
    /** GitLab paths nest groups: {@code group/subgroup/name}, optionally as an https URL with {@code .git}. */
    private static final Pattern GITLAB_REPOSITORY = Pattern.compile(
            "^(https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?)?/?((?:[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}/){1,20}[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}?)(?:\\.git)?/?$");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,200}");
    private static final CommandSpec SPEC = new CommandSpec("repo connect",
            "Connects a repository to this channel's project and gives you its webhook secret, once",
            List.of(OptionSpec.choice("provider", true, "where it is hosted", List.of("github", "gitlab")),
                    OptionSpec.required("repository", OptionType.WORD, "owner/name or its URL"),
                    OptionSpec.optional("branch", OptionType.WORD, "its main branch, for deployments"),
                    OptionSpec.optional("base-url", OptionType.WORD, "a self-hosted GitLab's address, e.g. https://gitlab.example.com")),
            Role.MAINTAINER, "repo connect github octo-org/shop main");

    private final Repositories repositories;
    private final RepositoryProperties properties;
    private final ApplicationEventPublisher events;
    private final GitHosts hosts;
    private final SecureRandom random = new SecureRandom();

    RepoConnectCommand(Repositories repositories, RepositoryProperties properties, ApplicationEventPublisher events, GitHosts hosts) {
        this.repositories = repositories;
        this.properties = properties;
        this.events = events;
        this.hosts = hosts;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        GitProvider provider = GitProvider.valueOf(context.option("provider").toUpperCase(java.util.Locale.ROOT));
        String typed = context.option("repository");
        Location typedLocation = (provider == GitProvider.GITHUB ? github(typed) : gitlab(typed))
                .orElseThrow(() -> new CommandException("`" + typed + "` is not a " + label(provider) + " repository: write "
                        + (provider == GitProvider.GITHUB ? "owner/name, e.g. /ticolops " + SPEC.example() : "group/name, e.g. /ticolops repo connect gitlab acme/shop")));
        String branch = context.optionalOption("branch").orElse(null);
        String baseUrl = context.optionalOption("base-url").orElse(null);
        // `repo connect gitlab group/name https://gitlab.example.com`: the address may come in the branch's place.
        if (branch != null && baseUrl == null && branch.matches("(?i)https?://.*")) {
            baseUrl = branch;
            branch = null;
        }
        if (baseUrl != null && provider == GitProvider.GITHUB) {
            throw new CommandException("A base URL is for self-hosted GitLab; GitHub's API address is set by the administrator (ticolops.github.api-url).");
        }
        if (branch != null && !BRANCH.matcher(branch).matches()) {
            throw new CommandException("`" + branch + "` is not a branch name.");
        }
        Location location = typedLocation;
        repositories.connected(provider, location.fullName()).ifPresent(existing -> {
            throw new CommandException(existing.fullName() + " is already connected to project " + existing.projectName() + ".");
        });
        String apiUrl = hosts.apiUrl(provider, baseUrl != null ? baseUrl : location.baseUrl());
        if (provider == GitProvider.GITLAB) {
            location = new Location(location.fullName(), apiUrl + "/" + location.fullName(), apiUrl);
        }
        String secret = newSecret();
        Optional<GitHostAccess> access = hosts.access(context.project().id(), provider, apiUrl, location.fullName());
        if (access.isPresent()) {
            return connectWithHook(context, provider, location, branch, apiUrl, secret, access.get());
        }
        long repositoryId = repositories.connect(context.project().id(), provider, location.fullName(), branch, secret, context.userId(), null, apiUrl);
        announce(context, provider, location, repositoryId);
        Reply connected = Reply.privately("Connected " + location.fullName() + " to " + context.project().name() + ". Add a webhook on "
                + label(provider) + (provider == GitProvider.GITHUB ? " (Settings → Webhooks → Add webhook)" : " (Settings → Webhooks → Add new webhook)")
                + " with these values. The secret is shown only now: Ticolops keeps it encrypted and cannot show it again.");
        if (provider == GitProvider.GITHUB) {
            return connected.withField("Payload URL", properties.webhookUrl("github"))
                    .withField("Content type", "application/json")
                    .withField("Secret", secret)
                    .withField("Events", "Pushes, Pull requests (or: Send me everything)")
                    .withLink("Open webhook settings", location.webUrl() + "/settings/hooks/new");
        }
        return connected.withField("URL", properties.webhookUrl("gitlab"))
                .withField("Secret token", secret)
                .withField("Trigger", "Push events, Tag push events, Merge request events")
                .withLink("Open webhook settings", location.webUrl() + "/-/hooks");
    }

    /** With a token: checks access, registers the webhook with a fresh secret, and nobody ever needs to see the secret. */
    private Reply connectWithHook(CommandContext context, GitProvider provider, Location location, String branch, String apiUrl, String secret,
                                  GitHostAccess access) {
        GitHostClient client = hosts.client(provider);
        long hookId;
        try {
            client.checkHookAccess(access, location.fullName());
            hookId = client.createHook(access, location.fullName(), properties.webhookUrl(provider.id()), secret);
        } catch (GitHostException e) {
            throw GitHosts.explain(e, provider, location.fullName());
        }
        long repositoryId;
        try {
            repositoryId = repositories.connect(context.project().id(), provider, location.fullName(), branch, secret, context.userId(), hookId, apiUrl);
        } catch (RuntimeException e) {
            // Someone connected it at the same moment: the hook just made would only bring refused deliveries.
            client.deleteHook(access, location.fullName(), hookId);
            throw e;
        }
        announce(context, provider, location, repositoryId);
        return Reply.privately("Connected " + location.fullName() + " to " + context.project().name() + " and registered its webhook on "
                        + label(provider) + ": nothing to set up by hand.")
                .withField("Webhook", properties.webhookUrl(provider.id()))
                .withField("Events", provider == GitProvider.GITHUB
                        ? "pushes, pull requests, reviews, comments, workflow runs, deployment statuses, releases, issues"
                        : "pushes, tag pushes, merge requests, comments, pipelines, deployments, releases, issues")
                .withLink("See the webhook", location.webUrl() + (provider == GitProvider.GITHUB ? "/settings/hooks/" + hookId : "/-/hooks"));
    }

    private void announce(CommandContext context, GitProvider provider, Location location, long repositoryId) {
        events.publishEvent(new RepositoryConnected(repositoryId, context.conversation(), context.userId()));
        events.publishEvent(new AnnouncementRequested(context.conversation(), Reply.inChannel(context.caller().mention() + " connected "
                + label(provider) + " repository " + location.fullName() + " to " + context.project().name() + ".")));
    }

    private static Optional<Location> github(String typed) {
        Matcher matcher = GITHUB_REPOSITORY.matcher(typed);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String fullName = matcher.group(1) + "/" + matcher.group(2);
        return Optional.of(new Location(fullName, "https://github.com/" + fullName, null));
    }

    /** {@code group/subgroup/name}, or its https URL on gitlab.com or a self-hosted GitLab. */
    private static Optional<Location> gitlab(String typed) {
        Matcher matcher = GITLAB_REPOSITORY.matcher(typed);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String host = matcher.group(1) == null ? "https://gitlab.com" : matcher.group(1);
        return Optional.of(new Location(matcher.group(2), host + "/" + matcher.group(2), matcher.group(1)));
    }

    private static String label(GitProvider provider) {
        return provider == GitProvider.GITHUB ? "GitHub" : "GitLab";
    }

    /** @param baseUrl the GitLab the typed URL named, or null when only the path was typed */
    private record Location(String fullName, String webUrl, String baseUrl) {
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
