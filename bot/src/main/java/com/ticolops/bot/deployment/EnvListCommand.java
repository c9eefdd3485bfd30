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
class EnvListCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("env list", "Lists a repository's environments and their rules",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a connected repository, owner/name")),
            Role.MEMBER, "env list octo-org/shop");

    private final EnvironmentSettings settings;

    EnvListCommand(EnvironmentSettings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<Environment> environments;
        try {
            environments = settings.list(context.project().id(), context.option("repository"));
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
        String repository = context.option("repository");
        if (environments.isEmpty()) {
            return Reply.privately(repository + " has no environment yet. Add one with `/ticolops env add " + repository + " production`.");
        }
        Reply reply = Reply.privately("Environments of " + environments.get(0).repository().fullName() + ":");
        for (Environment environment : environments) {
            Rules rules = environment.rules();
            reply = reply.withSection(environment.name() + (environment.isDefault() ? " (default)" : ""), environment.executorLabel()
                    + "\nWho may deploy: " + rules.requiredRole().id() + "s and above"
                    + (rules.confirmationRequired() ? " · confirmation required" : "")
                    + (rules.allowedChannels().isEmpty() ? "" : " · only from " + String.join(", ", rules.allowedChannels().stream().map(c -> "#" + c).toList()))
                    + (rules.freezes().isEmpty() ? "" : " · " + rules.freezes().size() + " freeze window(s)")
                    + (rules.queueWhenBusy() ? " · queues when busy" : "")
                    + (environment.url() == null ? "" : "\n" + environment.url()));
        }
        return reply;
    }
}
