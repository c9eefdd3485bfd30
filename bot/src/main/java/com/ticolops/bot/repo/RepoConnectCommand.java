package com.ticolops.bot.repo;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookEvent;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
class RepoConnectCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("repo connect",
            "Connects a repository to this channel's project and gives you its webhook secret, once",
            List.of(OptionSpec.choice("provider", true, "where it is hosted", List.of("github", "gitlab")),
                    OptionSpec.required("repository", OptionType.WORD, "owner/name or its URL"),
                    OptionSpec.optional("branch", OptionType.WORD, "its main branch, for deployments"),
                    OptionSpec.optional("base-url", OptionType.WORD, "a self-hosted GitLab's address, e.g. https://gitlab.example.com")),
            Role.MAINTAINER, "repo connect github octo-org/shop main");

    private final RepoService service;

    RepoConnectCommand(RepoService service) {
        this.service = service;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        GitProvider provider = GitProvider.valueOf(context.option("provider").toUpperCase(Locale.ROOT));
        String branch = context.optionalOption("branch").orElse(null);
        String baseUrl = context.optionalOption("base-url").orElse(null);
        // `repo connect gitlab group/name https://gitlab.example.com`: the address may come in the branch's place.
        if (branch != null && baseUrl == null && branch.matches("(?i)https?://.*")) {
            baseUrl = branch;
            branch = null;
        }
        RepoService.Connection connection;
        try {
            connection = service.connect(context.project(), Requester.of(context), provider,
                    context.option("repository"), branch, baseUrl);
        } catch (RepoException e) {
            throw RepoReplies.refusal(e);
        }
        return connection.hookId() == null ? setUpByHand(connection) : registered(connection);
    }

    private static Reply setUpByHand(RepoService.Connection connection) {
        boolean github = connection.provider() == GitProvider.GITHUB;
        Reply connected = Reply.privately("Connected " + connection.fullName() + " to " + connection.projectName() + ". Add a webhook on "
                + GitHosts.label(connection.provider()) + (github ? " (Settings → Webhooks → Add webhook)" : " (Settings → Webhooks → Add new webhook)")
                + " with these values. The secret is shown only now: Ticolops keeps it encrypted and cannot show it again.");
        if (github) {
            return connected.withField("Payload URL", connection.webhookUrl())
                    .withField("Content type", "application/json")
                    .withField("Secret", connection.secret())
                    .withField("Events", "Let me select individual events: " + labels(connection.events()))
                    .withLink("Open webhook settings", connection.webUrl() + "/settings/hooks/new");
        }
        return connected.withField("URL", connection.webhookUrl())
                .withField("Secret token", connection.secret())
                .withField("Trigger", labels(connection.events()))
                .withLink("Open webhook settings", connection.webUrl() + "/-/hooks");
    }

    private static Reply registered(RepoService.Connection connection) {
        boolean github = connection.provider() == GitProvider.GITHUB;
        return Reply.privately("Connected " + connection.fullName() + " to " + connection.projectName() + " and registered its webhook on "
                        + GitHosts.label(connection.provider()) + ": nothing to set up by hand.")
                .withField("Webhook", connection.webhookUrl())
                .withField("Events", labels(connection.events()))
                .withLink("See the webhook", connection.webUrl() + (github ? "/settings/hooks/" + connection.hookId() : "/-/hooks"));
    }

    private static String labels(List<WebhookEvent> events) {
        return events.stream().map(WebhookEvent::label).collect(Collectors.joining(", "));
    }
}
