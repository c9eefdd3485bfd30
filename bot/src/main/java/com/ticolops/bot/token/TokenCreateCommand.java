package com.ticolops.bot.token;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code token create <name> [scopes]}: a personal API token, shown this once, only to its owner. */
@Component
class TokenCreateCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("token create",
            "Creates a personal API token for the REST API, editor plugins and git hooks; it is shown once",
            List.of(OptionSpec.required("name", OptionType.WORD, "what the token is for, e.g. laptop-hook"),
                    OptionSpec.optional("scopes", OptionType.TEXT, "comma-separated: " + ApiTokens.allIds() + " (default: all)")),
            null, "token create laptop-hook activity:write");

    private final ApiTokens tokens;

    TokenCreateCommand(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        ApiTokens.Created created = TokenReplies.refusing(() -> tokens.create(context.userId(), context.option("name"),
                context.optionalOption("scopes").orElse("")));
        return Reply.privately("Token " + created.name() + " created. Copy it now: it is not shown again.")
                .withField("Token", created.token())
                .withField("Scopes", ApiTokens.ids(created.scopes()))
                .withSection("Use it", "curl -H 'Authorization: Bearer " + created.token() + "' <ticolops>/api/v1/tokens");
    }
}
