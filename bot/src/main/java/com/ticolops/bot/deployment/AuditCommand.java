package com.ticolops.bot.deployment;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandException;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
class AuditCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("audit", "Lists the latest deploys, rollbacks, locks, overrides and refusals",
            List.of(OptionSpec.optional("count", OptionType.WORD, "how many, 1-100; 20 when not given")),
            Role.ADMIN, "audit 20");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Deployments deployments;

    AuditCommand(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        String typed = context.optionalOption("count").orElse("20");
        if (!typed.matches("[0-9]{1,3}") || Integer.parseInt(typed) < 1 || Integer.parseInt(typed) > 100) {
            throw new CommandException("`" + typed + "` is not a count from 1 to 100. Example: `/ticolops audit 20`.");
        }
        List<AuditEntry> entries = deployments.audit(context.project().id(), Integer.parseInt(typed));
        if (entries.isEmpty()) {
            return Reply.privately("Nothing in the audit trail of " + context.project().name() + " yet.");
        }
        return Reply.privately("Audit trail of " + context.project().name() + ", newest first (UTC):").withSection("Entries", entries.stream()
                .map(e -> WHEN.format(e.at()) + " " + e.actor() + " " + e.action() + " " + (e.repository() == null ? "" : e.repository() + " ")
                        + (e.environment() == null ? "" : e.environment() + " ") + (e.allowed() ? "allowed" : "REFUSED")
                        + (e.reason() == null ? "" : " — " + e.reason()) + (e.where() == null ? "" : " (in #" + e.where().channelId() + ")"))
                .collect(Collectors.joining("\n")));
    }
}
