package com.ticolops.bot.repo;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Lists the project's repositories with how their webhooks are doing: last delivery, refused deliveries. Members only,
 * like {@code subscriptions}: both show what a project watches.
 */
@Component
class RepoListCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("repo list",
            "Lists the repositories connected to this channel's project, with their webhooks' health", List.of(), Role.MEMBER, "repo list");

    private final RepoService service;
    private final Clock clock = Clock.systemUTC();

    RepoListCommand(RepoService service) {
        this.service = service;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<RepoService.Health> repositories = service.list(context.project().id());
        if (repositories.isEmpty()) {
            return Reply.privately(context.project().name() + " has no repositories yet. Connect one: /ticolops repo connect github <owner/name>");
        }
        Instant now = clock.instant();
        return Reply.privately(context.project().name() + " has " + repositories.size() + (repositories.size() == 1 ? " repository." : " repositories."))
                .withSection("Repositories", repositories.stream().map(r -> line(r, now)).collect(Collectors.joining("\n")));
    }

    private static String line(RepoService.Health r, Instant now) {
        String name = r.provider().id() + " " + r.fullName() + (r.defaultBranch() == null ? "" : " (" + r.defaultBranch() + ")");
        String hook = r.hookRegistered() ? "webhook registered by Ticolops" : "webhook added by hand";
        String last = r.lastDelivery().map(at -> "last delivery " + ago(at, now)).orElse("no delivery yet");
        String refused = r.refusals()
                .map(f -> " · " + f.count() + " refused in " + RepoService.REFUSALS_WINDOW.toHours() + " h, last " + ago(f.lastAt(), now) + ": " + f.lastReason())
                .orElse("");
        String rotated = r.secretRotatedAt().map(at -> " · secret replaced " + ago(at, now)
                + r.previousSecretUntil().map(until -> ", the old one accepted until " + RepoReplies.until(until)).orElse("")).orElse("");
        return name + " — " + hook + " · " + last + refused + rotated;
    }

    static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + (d.toDays() == 1 ? " day ago" : " days ago");
    }
}
