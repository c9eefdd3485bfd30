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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

@Component
class RepoConnectCommand implements CommandHandler {

    /** {@code owner/name}, or a GitHub URL to it (https or ssh, with or without {@code .git}). */
    private static final Pattern GITHUB_REPOSITORY = Pattern.compile(
            "^(?:(?:https?://)?(?:www\\.)?github\\.com[/:]|git@github\\.com:)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]{1,100}?)(?:\\.git)?/?$");
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
        if (context.option("provider").equals("gitlab")) {
            throw new CommandException("GitLab repositories cannot be connected yet: this version receives GitHub webhooks only.");
        }
        String typed = context.option("repository");
        Matcher matcher = GITHUB_REPOSITORY.matcher(typed);
        if (!matcher.matches()) {
            throw new CommandException("`" + typed + "` is not a GitHub repository: write owner/name, e.g. /ticolops " + SPEC.example());
        }
        String fullName = matcher.group(1) + "/" + matcher.group(2);
        String branch = context.optionalOption("branch").orElse(null);
        if (branch != null && !BRANCH.matcher(branch).matches()) {
            throw new CommandException("`" + branch + "` is not a branch name.");
        }
        repositories.find(GitProvider.GITHUB, fullName).ifPresent(existing -> {
            throw new CommandException(existing.fullName() + " is already connected to project " + existing.projectName() + ".");
        });
        String secret = newSecret();
        repositories.connect(context.project().id(), GitProvider.GITHUB, fullName, branch, secret, context.userId());
        events.publishEvent(new AnnouncementRequested(context.conversation(),
                Reply.inChannel(context.caller().mention() + " connected GitHub repository " + fullName + " to " + context.project().name() + ".")));
        return Reply.privately("Connected " + fullName + " to " + context.project().name()
                        + ". Add a webhook on GitHub (Settings → Webhooks → Add webhook) with these values. "
                        + "The secret is shown only now: Ticolops keeps it encrypted and cannot show it again.")
                .withField("Payload URL", properties.webhookUrl("github"))
                .withField("Content type", "application/json")
                .withField("Secret", secret)
                .withField("Events", "Pushes, Pull requests (or: Send me everything)")
                .withLink("Open webhook settings", "https://github.com/" + fullName + "/settings/hooks/new");
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
