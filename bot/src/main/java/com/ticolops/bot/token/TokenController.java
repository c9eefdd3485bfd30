package com.ticolops.bot.token;

import com.ticolops.bot.rest.ApiCaller;
import com.ticolops.bot.rest.ApiController;
import com.ticolops.bot.rest.Envelope;
import com.ticolops.bot.rest.Pagination;
import com.ticolops.bot.rest.RequiredScope;
import com.ticolops.bot.rest.Scope;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The caller's own tokens, as {@code token list} shows them; the token values are never shown again. */
@ApiController
class TokenController {

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record TokenView(String name, List<String> scopes, @JsonProperty("created_at") OffsetDateTime createdAt,
                     @JsonProperty("last_used_at") OffsetDateTime lastUsedAt) {
    }

    @GetMapping("/api/v1/tokens")
    @RequiredScope(Scope.TOKENS_READ)
    Envelope<List<TokenView>> list(@AuthenticationPrincipal ApiCaller caller, @RequestParam(defaultValue = "1") int page,
                                   @RequestParam(name = "per_page", defaultValue = Pagination.DEFAULT_PER_PAGE) int perPage) {
        Pagination pagination = Pagination.of(page, perPage);
        List<ApiTokens.Token> all = tokens.list(caller.userId());
        List<TokenView> views = all.stream().skip(pagination.offset()).limit(pagination.perPage())
                .map(token -> new TokenView(token.name(), token.scopes().stream().map(Scope::id).toList(), token.createdAt(),
                        token.lastUsedAt().orElse(null)))
                .toList();
        return Envelope.page(views, pagination, all.size());
    }
}
