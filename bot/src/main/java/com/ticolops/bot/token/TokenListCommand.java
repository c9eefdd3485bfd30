package com.ticolops.bot.token;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.Reply;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
class TokenListCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("token list", "Lists your personal API tokens: name, scopes, created, last used",
            List.of(), null, "token list");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final ApiTokens tokens;

    TokenListCommand(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        List<ApiTokens.Token> mine = tokens.list(context.userId());
        if (mine.isEmpty()) {
            return Reply.privately("You have no API tokens. Create one with `/ticolops token create <name> [scopes]`.");
        }
        return Reply.privately("You have " + mine.size() + (mine.size() == 1 ? " API token." : " API tokens."))
                .withSection("Tokens", mine.stream().map(token -> token.name() + " — " + ApiTokens.ids(token.scopes())
                        + " — created " + WHEN.format(token.createdAt().atZoneSameInstant(java.time.ZoneOffset.UTC))
                        + " — " + token.lastUsedAt().map(at -> "last used " + WHEN.format(at.atZoneSameInstant(java.time.ZoneOffset.UTC)))
                        .orElse("never used"))
                        .collect(Collectors.joining("\n")));
    }
}
