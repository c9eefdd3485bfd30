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

@Component
class DeploymentsCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("deployments", "Lists the latest deployments with their status and duration",
            List.of(OptionSpec.optional("repository", OptionType.WORD, "only this repository's"),
                    OptionSpec.optional("environment", OptionType.WORD, "only this environment's")),
            Role.MEMBER, "deployments octo-org/shop production");

    private final Deployments deployments;

    DeploymentsCommand(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<Deployment> recent;
        try {
            recent = deployments.recent(context.project().id(), context.optionalOption("repository").orElse(null),
                    context.optionalOption("environment").orElse(null));
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
        if (recent.isEmpty()) {
            return Reply.privately("No deployments yet. Deploy with `/ticolops deploy <repo> [ref] [env]`.");
        }
        return Reply.privately("Latest deployments of " + context.project().name() + ":").withSection("Deployments", recent.stream()
                .map(d -> "#" + d.id() + " " + d.repository().fullName() + " " + d.shortSha() + " (" + d.ref() + ") → " + d.environment() + ": "
                        + DeploymentMessages.status(d) + " in " + DeploymentMessages.elapsed(d) + " · " + d.requestedByName()
                        + (d.rollbackOf() == null ? "" : " · rollback of #" + d.rollbackOf()))
                .collect(Collectors.joining("\n")));
    }
}
