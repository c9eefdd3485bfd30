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
class DeployUnlockCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("deploy unlock", "Unlocks an environment locked with deploy lock",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a connected repository, owner/name"),
                    OptionSpec.required("environment", OptionType.WORD, "one of its environments")),
            Role.MAINTAINER, "deploy unlock octo-org/shop production");

    private final Deployments deployments;

    DeployUnlockCommand(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        try {
            EnvironmentLock lifted = deployments.unlock(context.project().id(), Callers.of(context), context.option("repository"),
                    context.option("environment"));
            return Reply.inChannel(context.caller().mention() + " unlocked " + context.option("environment") + " of " + context.option("repository")
                    + " (locked by " + lifted.holder() + " " + DeploymentReplies.ago(lifted.since()) + ").");
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
    }
}
