package com.ticolops.bot.token;

import com.ticolops.bot.command.CommandException;
import java.util.function.Supplier;

/** A refused token use case in chat words. */
final class TokenReplies {

    private TokenReplies() {
    }

    static <T> T refusing(Supplier<T> useCase) {
        try {
            return useCase.get();
        } catch (TokenException e) {
            throw new CommandException(message(e));
        }
    }

    static String message(TokenException e) {
        return switch (e.reason()) {
            case INVALID_NAME -> "A token name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit; `" + e.subject() + "` is not.";
            case NAME_TAKEN -> "You already have a token named " + e.subject() + ". Pick another name, or revoke it first with `/ticolops token revoke "
                    + e.subject() + "`.";
            case UNKNOWN_SCOPE -> "There is no scope `" + e.subject() + "`. Scopes: " + ApiTokens.allIds() + ". Nothing was created.";
            case NOT_FOUND -> "You have no token named " + e.subject() + ". `/ticolops token list` shows yours.";
        };
    }
}
