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

/** What a confirmation button runs; only the one who asked for the deploy may, within its time. */
@Component
class DeployConfirmCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("deploy confirm", "Confirms a deploy you asked for (what its button runs)",
            List.of(OptionSpec.required("code", OptionType.WORD, "the confirmation's code, from its button")),
            Role.MEMBER, "deploy confirm 3f9a0c1e5b7d2a4c6e8f0a1b");

    private final Deployments deployments;

    DeployConfirmCommand(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        try {
            return DeployReplies.of(deployments.confirm(context.project().id(), Callers.of(context), context.option("code")));
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
    }
}
