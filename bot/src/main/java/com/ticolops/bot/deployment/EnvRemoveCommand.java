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
class EnvRemoveCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("env remove", "Removes an environment; its deployments stay in the history",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a connected repository, owner/name"),
                    OptionSpec.required("name", OptionType.WORD, "one of its environments")),
            Role.MAINTAINER, "env remove octo-org/shop staging");

    private final EnvironmentSettings settings;

    EnvRemoveCommand(EnvironmentSettings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        try {
            Environment removed = settings.remove(context.project().id(), context.option("repository"), context.option("name"));
            return Reply.inChannel("Removed environment " + removed.name() + " of " + removed.repository().fullName()
                    + ": nobody deploys to it any more, and its deployments stay in `/ticolops deployments " + removed.repository().fullName() + "`."
                    + (removed.isDefault() ? " It was the default: name an environment when you deploy, or make one the default with `/ticolops env rules "
                            + removed.repository().fullName() + " <environment> default`." : ""));
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
    }
}
