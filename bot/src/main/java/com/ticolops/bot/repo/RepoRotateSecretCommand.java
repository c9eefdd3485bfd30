package com.ticolops.bot.repo;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.bot.command.Role;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.git.GitProvider;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code repo rotate-secret <repo> [grace] [provider]}: a new webhook secret, set on the webhook Ticolops registered or
 * shown once for one added by hand; the replaced secret is still accepted for the grace, or refused at once with
 * {@code now} (a leaked secret).
 */
@Component
class RepoRotateSecretCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("repo rotate-secret",
            "Gives a repository's webhook a new secret; the old one is accepted for a while (1h, or 1d when set by hand) unless you say now",
            List.of(OptionSpec.required("repository", OptionType.WORD, "owner/name as connected"),
                    OptionSpec.choice("grace", false, "how long the old secret is still accepted", List.of("now", "1h", "1d", "7d")),
                    ProviderOption.SPEC),
            Role.MAINTAINER, "repo rotate-secret octo-org/shop now");

    private final RepoService service;

    RepoRotateSecretCommand(RepoService service) {
        this.service = service;
    }

    /** One of the grace's choices: {@code now}, or hours or days. */
    private static Duration grace(String choice) {
        if (choice.equals("now")) {
            return Duration.ZERO;
        }
        long count = Long.parseLong(choice.substring(0, choice.length() - 1));
        return choice.endsWith("h") ? Duration.ofHours(count) : Duration.ofDays(count);
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        GitProvider provider = ProviderOption.of(context);
        Duration grace = context.optionalOption("grace").map(RepoRotateSecretCommand::grace).orElse(null);
        RepoService.Rotation rotation;
        try {
            rotation = service.rotateSecret(context.project(), Requester.of(context),
                    context.option("repository"), provider, grace);
        } catch (RepoException e) {
            throw RepoReplies.refusal(e);
        }
        String previous = rotation.previousAcceptedUntil() == null ? "The old secret is no longer accepted."
                : "The old secret is still accepted until " + RepoReplies.until(rotation.previousAcceptedUntil()) + ".";
        String label = GitHosts.label(rotation.provider());
        if (rotation.change() == RepoService.SecretChange.UPDATED) {
            return Reply.privately("Gave the webhook of " + rotation.fullName() + " on " + label + " a new secret: nothing to change by hand. " + previous);
        }
        boolean github = rotation.provider() == GitProvider.GITHUB;
        String why = rotation.change() == RepoService.SecretChange.NO_TOKEN
                ? "No " + label + " token is set any more, so Ticolops cannot change its webhook: " : "";
        return Reply.privately(why + "Paste this new secret into the webhook of " + rotation.fullName() + " on " + label
                        + (github ? " (Settings → Webhooks → Edit → Secret)" : " (Settings → Webhooks → Edit → Secret token)")
                        + ". It is shown only now. " + previous)
                .withField(github ? "Secret" : "Secret token", rotation.secret())
                .withField(github ? "Payload URL" : "URL", rotation.webhookUrl())
                .withLink("Open webhook settings", rotation.webUrl() + (github ? "/settings/hooks" : "/-/hooks"));
    }
}
