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
class EnvRulesCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("env rules", "Shows or changes who may deploy an environment, from where, when and how",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a connected repository, owner/name"),
                    OptionSpec.required("environment", OptionType.WORD, "one of its environments"),
                    OptionSpec.optional("settings", OptionType.TEXT, "role=, channels=this|any|..., confirm=on|off, when-busy=queue|refuse, tz=,"
                            + " freeze \"<start cron>\" \"<end cron>\", freeze=off, default")),
            Role.ADMIN, "env rules octo-org/shop production confirm=on");

    private final EnvironmentSettings settings;

    EnvRulesCommand(EnvironmentSettings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        String changes = context.optionalOption("settings").orElse(null);
        Environment environment;
        try {
            environment = settings.rules(context.project().id(), context.userId(), context.conversation(), context.option("repository"),
                    context.option("environment"), changes);
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
        String what = environment.name() + " of " + environment.repository().fullName();
        Reply reply = changes == null ? Reply.privately("Rules of " + what + ":")
                : Reply.inChannel(context.caller().mention() + " changed the rules of " + what + ".");
        return EnvReplies.describe(reply, environment, settings.autodeployBranches(environment));
    }
}
