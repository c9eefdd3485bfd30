package com.ticolops.bot.deployment;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class DeployCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("deploy", "Deploys a branch, tag or commit of a repository to one of its environments",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a connected repository, owner/name"),
                    OptionSpec.optional("ref", OptionType.WORD, "a branch, tag or commit; the main branch when not given"),
                    OptionSpec.optional("environment", OptionType.WORD, "one of its environments; the default one when not given"),
                    OptionSpec.optional("reason", OptionType.TEXT, "an admin's reason to deploy during a freeze")),
            Role.MEMBER, "deploy octo-org/shop main production").asGroupMember("run");

    private final Deployments deployments;

    DeployCommand(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        try {
            return DeployReplies.of(deployments.deploy(context.project().id(), Callers.of(context), context.option("repository"),
                    context.optionalOption("ref").orElse(null), context.optionalOption("environment").orElse(null),
                    context.optionalOption("reason").orElse(null)));
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
    }
}
