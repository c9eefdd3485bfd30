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
class DeployLockCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("deploy lock", "Locks an environment: nobody deploys to it until it is unlocked",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a connected repository, owner/name"),
                    OptionSpec.required("environment", OptionType.WORD, "one of its environments"),
                    OptionSpec.optional("reason", OptionType.TEXT, "why, shown to whoever tries")),
            Role.MAINTAINER, "deploy lock octo-org/shop production database migration running");

    private final Deployments deployments;

    DeployLockCommand(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        try {
            EnvironmentLock lock = deployments.lock(context.project().id(), Callers.of(context), context.option("repository"),
                    context.option("environment"), context.optionalOption("reason").orElse(null));
            return Reply.inChannel(lock.holder() + " locked " + context.option("environment") + " of " + context.option("repository")
                    + (lock.reason() == null ? "" : ": " + lock.reason()) + ". Nobody deploys to it until `/ticolops deploy unlock "
                    + context.option("repository") + " " + context.option("environment") + "`.");
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
    }
}
