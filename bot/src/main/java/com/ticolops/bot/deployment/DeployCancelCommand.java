package com.ticolops.bot.deployment;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/** Stops a deployment that has not ended; whoever asked for it may, and so may those who may deploy to its environment. */
@Component
class DeployCancelCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("deploy cancel", "Cancels a deployment that has not ended, stopping its run or pipeline",
            List.of(OptionSpec.required("deployment", OptionType.WORD, "its number, e.g. 12 or #12 (see deployments)"),
                    OptionSpec.optional("reason", OptionType.TEXT, "why, shown on its message")),
            Role.MEMBER, "deploy cancel 12 wrong branch");

    private final Deployments deployments;

    DeployCancelCommand(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        String typed = context.option("deployment");
        if (!typed.matches("#?[0-9]{1,18}")) {
            throw new CommandException("`" + typed + "` is not a deployment number: give the number `/ticolops deployments` shows, e.g. 12.");
        }
        long id = Long.parseLong(typed.replace("#", ""));
        try {
            Deployment deployment = deployments.cancel(context.project().id(), Callers.of(context), id, context.optionalOption("reason").orElse(null));
            return deployment.status() == DeploymentStatus.CANCELLED
                    ? Reply.inChannel(context.caller().mention() + " cancelled deployment #" + id + " of " + deployment.repository().fullName()
                            + " " + deployment.shortSha() + " to " + deployment.environment() + ".")
                    : Reply.privately("Deployment #" + id + " ended before it could be cancelled: " + deployment.status().id() + ".");
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
    }
}
