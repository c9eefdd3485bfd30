package com.ticolops.bot.repository;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.chat.Role;
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
                    OptionSpec.optional("branch", OptionType.WORD, "its main branch, for deployments")),
            Role.MAINTAINER, "repo connect github octo-org/shop main");

    private final Repositories repositories;
    private final RepositoryProperties properties;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    RepoConnectCommand(Repositories repositories, RepositoryProperties properties, ApplicationEventPublisher events) {
        this.repositories = repositories;
        this.properties = properties;
        this.events = events;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        GitProvider provider = GitProvider.valueOf(context.option("provider").toUpperCase(java.util.Locale.ROOT));
        String typed = context.option("repository");
        Location location = (provider == GitProvider.GITHUB ? github(typed) : gitlab(typed))
                .orElseThrow(() -> new CommandException("`" + typed + "` is not a " + label(provider) + " repository: write "
                        + (provider == GitProvider.GITHUB ? "owner/name, e.g. /ticolops " + SPEC.example() : "group/name, e.g. /ticolops repo connect gitlab acme/shop")));
        String branch = context.optionalOption("branch").orElse(null);
        if (branch != null && !BRANCH.matcher(branch).matches()) {
            throw new CommandException("`" + branch + "` is not a branch name.");
        }
        repositories.connected(provider, location.fullName()).ifPresent(existing -> {
            throw new CommandException(existing.fullName() + " is already connected to project " + existing.projectName() + ".");
        });
        String secret = newSecret();
        long repositoryId = repositories.connect(context.project().id(), provider, location.fullName(), branch, secret, context.userId());
        events.publishEvent(new RepositoryConnected(repositoryId, context.conversation(), context.userId()));
        events.publishEvent(new AnnouncementRequested(context.conversation(), Reply.inChannel(context.caller().mention() + " connected "
                + label(provider) + " repository " + location.fullName() + " to " + context.project().name() + ".")));
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

    private static Optional<Location> github(String typed) {
        Matcher matcher = GITHUB_REPOSITORY.matcher(typed);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String fullName = matcher.group(1) + "/" + matcher.group(2);
        return Optional.of(new Location(fullName, "https://github.com/" + fullName));
    }

    /** {@code group/subgroup/name}, or its https URL on gitlab.com or a self-hosted GitLab. */
    private static Optional<Location> gitlab(String typed) {
        Matcher matcher = GITLAB_REPOSITORY.matcher(typed);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String host = matcher.group(1) == null ? "https://gitlab.com" : matcher.group(1);
        return Optional.of(new Location(matcher.group(2), host + "/" + matcher.group(2)));
    }

    private static String label(GitProvider provider) {
        return provider == GitProvider.GITHUB ? "GitHub" : "GitLab";
    }

    private record Location(String fullName, String webUrl) {
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
