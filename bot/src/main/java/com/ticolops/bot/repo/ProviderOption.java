package com.ticolops.bot.repo;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.git.GitProvider;
import java.util.List;
import java.util.Locale;

/** The optional {@code provider} of a command about a connected repository, for when a GitHub and a GitLab one share its name. */
final class ProviderOption {

    static final OptionSpec SPEC = OptionSpec.choice("provider", false, "when a GitHub and a GitLab repository share the name", List.of("github", "gitlab"));

    private ProviderOption() {
    }

    /** @return the provider named, or null */
    static GitProvider of(CommandContext context) {
        return context.optionalOption("provider").map(p -> GitProvider.valueOf(p.toUpperCase(Locale.ROOT))).orElse(null);
    }
}
