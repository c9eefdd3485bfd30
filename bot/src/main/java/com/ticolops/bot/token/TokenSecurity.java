package com.ticolops.bot.token;

import com.ticolops.bot.rest.ApiErrorWriter;
import com.ticolops.bot.rest.ApiPaths;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security guards the public API only ({@code /api/v1/**} without the console's own endpoints): a request there
 * needs {@code Authorization: Bearer <personal token>}, checked as an opaque token by {@link #introspector}. Every other
 * path (webhooks and Slack with their own signatures, health, the console and its page, static files) matches no
 * security filter chain and is served exactly as before.
 */
@Configuration
class TokenSecurity {

    @Bean
    SecurityFilterChain publicApi(HttpSecurity http, OpaqueTokenIntrospector introspector, ApiErrorWriter errors) throws Exception {
        AuthenticationEntryPoint unauthenticated = refusal(errors);
        http.securityMatcher(ApiPaths::isPublicApi)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.opaqueToken(token -> token.introspector(introspector))
                        .authenticationEntryPoint(unauthenticated))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated))
                // A bearer token is sent by the client on purpose, never by a browser on its own: there is nothing for a
                // cross-site request to ride on, and no session to keep.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable());
        return http.build();
    }

    /** The token's owner and scopes, or a refusal naming why; an unknown and a revoked token are told apart. */
    @Bean
    OpaqueTokenIntrospector introspector(ApiTokens tokens) {
        return token -> {
            ApiTokens.Verdict verdict = tokens.authenticate(token);
            return verdict.caller().orElseThrow(() -> new Refused(verdict.rejection()));
        };
    }

    /** Spring's own entry point sets the status and the RFC 6750 {@code WWW-Authenticate}; the body is our envelope. */
    private static AuthenticationEntryPoint refusal(ApiErrorWriter errors) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            Refused refused = refusedIn(exception);
            String code;
            String message;
            if (refused != null) {
                code = refused.rejection == ApiTokens.Rejection.REVOKED ? "token_revoked" : refused.rejection == ApiTokens.Rejection.UNKNOWN
                        ? "unknown_token" : "malformed_token";
                message = switch (refused.rejection) {
                    case REVOKED -> "This token was revoked. Create a new one with /ticolops token create <name>.";
                    case UNKNOWN -> "This token is not one of ours. Create one with /ticolops token create <name>.";
                    case MALFORMED -> "A personal token is tcp_ followed by 43 characters, as /ticolops token create showed it.";
                };
            } else if (request.getHeader("Authorization") == null) {
                code = "unauthenticated";
                message = "Send Authorization: Bearer <token>; create a token with /ticolops token create <name>.";
            } else {
                code = "malformed_token";
                message = "The Authorization header must be Bearer followed by one token: " + exception.getMessage();
            }
            errors.write(request, response, response.getStatus(), code, message, Map.of());
        };
    }

    private static Refused refusedIn(AuthenticationException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refused refused) {
                return refused;
            }
        }
        return null;
    }

    static final class Refused extends BadOpaqueTokenException {

        private final ApiTokens.Rejection rejection;

        Refused(ApiTokens.Rejection rejection) {
            super(rejection.name().toLowerCase() + " token");
            this.rejection = rejection;
        }
    }
}
