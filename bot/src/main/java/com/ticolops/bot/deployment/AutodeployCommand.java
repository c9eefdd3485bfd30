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
class AutodeployCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("autodeploy", "Deploys every push to a branch to an environment, or stops",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a connected repository, owner/name"),
                    OptionSpec.required("branch", OptionType.WORD, "the branch whose pushes deploy"),
                    OptionSpec.required("environment", OptionType.WORD, "the environment they deploy to"),
                    OptionSpec.choice("state", true, "on or off", List.of("on", "off"))),
            Role.MAINTAINER, "autodeploy octo-org/shop main staging on");

    private final EnvironmentSettings settings;

    AutodeployCommand(EnvironmentSettings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        boolean on = context.option("state").equals("on");
        String repository = context.option("repository");
        String branch = context.option("branch");
        String environment = context.option("environment");
        boolean changed;
        try {
            changed = settings.autodeploy(context.project().id(), context.userId(), repository, branch, environment, on);
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
        if (!changed) {
            return Reply.privately("Pushes to " + branch + " of " + repository + (on ? " already deploy" : " do not deploy") + " to " + environment + ".");
        }
        return Reply.inChannel(on ? "Every push to " + branch + " of " + repository + " now deploys to " + environment + " (freezes and locks apply)."
                : "Pushes to " + branch + " of " + repository + " no longer deploy to " + environment + ".");
    }
}
