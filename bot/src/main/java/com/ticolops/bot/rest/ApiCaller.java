package com.ticolops.bot.rest;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Who is calling the API: the user a personal token belongs to and what it may do. Controllers take it as
 * {@code @AuthenticationPrincipal ApiCaller caller}.
 */
public record ApiCaller(long userId, long tokenId, Set<Scope> scopes) implements OAuth2AuthenticatedPrincipal {

    public ApiCaller {
        scopes = Set.copyOf(scopes);
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of("user_id", userId, "token_id", tokenId);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return scopes.stream().map(scope -> new SimpleGrantedAuthority(scope.authority())).toList();
    }

    @Override
    public String getName() {
        return Long.toString(userId);
    }
}
