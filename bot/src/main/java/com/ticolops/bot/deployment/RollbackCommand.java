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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

@Component
class RollbackCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("rollback",
            "Redeploys an environment's last successful commit (or the deployment named), through the same executor",
            List.of(OptionSpec.required("repository", OptionType.WORD, "a connected repository, owner/name"),
                    OptionSpec.optional("target", OptionType.TEXT, "[environment] [to <deployment id>], the default environment when not given")),
            Role.MEMBER, "rollback octo-org/shop production");

    /** {@code production}, {@code to 12}, {@code production to #12} */
    private static final Pattern TARGET = Pattern.compile("(?i)^\\s*(?:(?!to\\b)(\\S+))?\\s*(?:\\bto\\s+#?([0-9]{1,18}))?\\s*$");

    private final Deployments deployments;

    RollbackCommand(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        String target = context.optionalOption("target").orElse("");
        Matcher matcher = TARGET.matcher(target);
        if (!matcher.matches()) {
            throw new CommandException("`" + target + "` is not [environment] [to <deployment id>]. Example: `/ticolops rollback "
                    + context.option("repository") + " production to 12`.");
        }
        Long to = matcher.group(2) == null ? null : Long.valueOf(matcher.group(2));
        try {
            return DeployReplies.of(deployments.rollback(context.project().id(), Callers.of(context), context.option("repository"), matcher.group(1),
                    to, null));
        } catch (DeploymentException e) {
            throw DeploymentReplies.refusal(e);
        }
    }
}
