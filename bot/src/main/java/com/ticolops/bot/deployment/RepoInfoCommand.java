package com.ticolops.bot.deployment;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Lives with deployments: what it shows is what a repository's files say about building and deploying it. */
@Component
class RepoInfoCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("repo info",
            "Shows what a repository looks like (project type, build command, suggested executor) and its environments",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a connected repository, owner/name")),
            Role.MEMBER, "repo info octo-org/shop");

    private final ProjectDetection detection;

    RepoInfoCommand(ProjectDetection detection) {
        this.detection = detection;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        ProjectDetection.Info info;
        try {
            info = detection.info(context.project().id(), context.option("repository"));
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
        String name = info.repository().fullName();
        Reply reply = info.suggestion()
                .map(found -> ProjectDetection.describe(Reply.privately(name + " looks like a " + found.kind() + " (" + String.join(", ", found.evidence())
                        + ")."), info.repository(), found))
                .orElseGet(() -> Reply.privately("Nothing in the top level of " + name + " says how it is built."));
        return reply.withField("Environments", info.environments().isEmpty() ? "none yet"
                : info.environments().stream().map(e -> e.name() + " (" + e.executorLabel() + ")").collect(Collectors.joining(", ")));
    }
}
