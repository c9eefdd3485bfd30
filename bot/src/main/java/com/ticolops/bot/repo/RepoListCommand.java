package com.ticolops.bot.repo;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.bot.command.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Lists the project's repositories with how their webhooks are doing: last delivery, refused deliveries. */
@Component
class RepoListCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("repo list",
            "Lists the repositories connected to this channel's project, with their webhooks' health", List.of(), Role.MEMBER, "repo list");
    private static final Duration FAILURE_WINDOW = Duration.ofHours(24);

    private final Repositories repositories;
    private final WebhookHealth health;
    private final Clock clock = Clock.systemUTC();

    RepoListCommand(Repositories repositories, WebhookHealth health) {
        this.repositories = repositories;
        this.health = health;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<Repositories.Connected> connected = repositories.of(context.project().id());
        if (connected.isEmpty()) {
            return Reply.privately(context.project().name() + " has no repositories yet. Connect one: /ticolops repo connect github <owner/name>");
        }
        return Reply.privately(context.project().name() + " has " + connected.size() + (connected.size() == 1 ? " repository." : " repositories."))
                .withSection("Repositories", connected.stream().map(this::line).collect(Collectors.joining("\n")));
    }

    private String line(Repositories.Connected r) {
        String name = r.provider().id() + " " + r.fullName() + (r.defaultBranch() == null ? "" : " (" + r.defaultBranch() + ")");
        Repositories.Hooked repository = repositories.hooked(r.id()).orElseThrow();
        Instant now = clock.instant();
        String hook = repository.hookId() == null ? "webhook added by hand" : "webhook registered by Ticolops";
        String last = repositories.lastDelivery(repository).map(at -> "last delivery " + ago(at, now)).orElse("no delivery yet");
        String refused = health.refusalsSince(repository.id(), now.minus(FAILURE_WINDOW))
                .map(f -> " · " + f.count() + " refused in 24 h, last " + ago(f.lastAt(), now) + ": " + f.lastReason())
                .orElse("");
        return name + " — " + hook + " · " + last + refused;
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
