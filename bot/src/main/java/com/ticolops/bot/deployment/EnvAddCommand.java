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
class EnvAddCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("env add", "Adds an environment to a repository, with the executor that deploys it",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a connected repository, owner/name"),
                    OptionSpec.required("name", OptionType.WORD, "the environment, e.g. production, staging, preview/pr-12"),
                    OptionSpec.optional("executor", OptionType.TEXT, "github-deployments, github-workflow <file>, gitlab-pipeline, gitlab-job <job>"
                            + " or hook <url>; then url=<environment URL>")),
            Role.MAINTAINER, "env add octo-org/shop production github-workflow deploy.yml url=https://shop.example.com");

    private final EnvironmentSettings settings;

    EnvAddCommand(EnvironmentSettings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        Environment environment;
        try {
            environment = settings.add(context.project().id(), context.userId(), context.option("repository"), context.option("name"),
                    context.optionalOption("executor").orElse(null));
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
        return EnvReplies.describe(Reply.inChannel("Added environment " + environment.name() + " to " + environment.repository().fullName()
                + ", deployed by the " + environment.executorLabel() + (environment.isDefault() ? ", as its default." : ".")), environment, List.of());
    }
}
