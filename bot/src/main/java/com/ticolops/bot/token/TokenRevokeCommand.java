package com.ticolops.bot.token;

import com.ticolops.bot.command.CommandContext;
import com.ticolops.bot.command.CommandHandler;
import com.ticolops.integrations.chat.CommandSpec;
import com.ticolops.integrations.chat.OptionSpec;
import com.ticolops.integrations.chat.OptionType;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class TokenRevokeCommand implements CommandHandler {

    private static final CommandSpec SPEC = new CommandSpec("token revoke", "Revokes one of your personal API tokens at once",
            List.of(OptionSpec.required("name", OptionType.WORD, "the token's name, as token list shows it")), null, "token revoke laptop-hook");

    private final ApiTokens tokens;

    TokenRevokeCommand(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext context) {
        String name = context.option("name");
        TokenReplies.refusing(() -> {
            tokens.revoke(context.userId(), name);
            return null;
        });
        return Reply.privately("Token " + name + " revoked: requests with it now get 401.");
    }
}
