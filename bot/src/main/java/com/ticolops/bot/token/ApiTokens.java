package com.ticolops.bot.token;

import com.ticolops.bot.rest.ApiCaller;
import com.ticolops.bot.rest.Scope;
import com.ticolops.bot.user.AccountsMerged;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: {@code tcp_} and 256 random bits, shown once and kept as their SHA-256.
 * <p>
 * A plain hash is enough here, with no salt and no slow password hash: those defend guessable secrets (passwords) against
 * a dictionary run over a stolen table. A token is 256 bits from {@link SecureRandom}; nobody can enumerate that space,
 * so a stolen hash is as useless as a salted one, and one SHA-256 per request keeps authentication cheap enough for
 * heartbeats. The hash is unique, so the lookup is one index probe.
 */
@Service
class ApiTokens {

    static final String PREFIX = "tcp_";
    /** 32 bytes in unpadded base64url. */
    static final Pattern FORMAT = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /**
     * Last use is written at most this often per token: a git hook or an editor sending heartbeats would otherwise write
     * the row on every request. The lookup reads the stored time anyway, so the decision costs nothing.
     */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Created(String name, String token, Set<Scope> scopes) {
    }

    record Token(String name, Set<Scope> scopes, OffsetDateTime createdAt, Optional<OffsetDateTime> lastUsedAt) {
    }

    /**
     * @param scopeIds comma- or space-separated scope ids; none means every scope
     * @throws TokenException INVALID_NAME, UNKNOWN_SCOPE, NAME_TAKEN (a live token of the user has it)
     */
    @Transactional
    Created create(long userId, String name, String scopeIds) {
        if (!NAME.matcher(name).matches()) {
            throw new TokenException(TokenException.Reason.INVALID_NAME, name);
        }
        Set<Scope> scopes = scopes(scopeIds);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            jdbc.sql("insert into api_tokens (user_id, name, token_hash, scopes) values (?, ?, ?, cast(? as text[]))")
                    .params(userId, name, hash(token), textArray(scopes)).update();
        } catch (DuplicateKeyException e) {
            throw new TokenException(TokenException.Reason.NAME_TAKEN, name);
        }
        return new Created(name, token, scopes);
    }

    /** The user's live tokens, oldest first. */
    List<Token> list(long userId) {
        return jdbc.sql("""
                        select name, array_to_string(scopes, ',') as scopes, created_at, last_used_at from api_tokens
                        where user_id = ? and revoked_at is null order by created_at, id""")
                .param(userId)
                .query((row, n) -> new Token(row.getString("name"), scopes(row.getString("scopes")), row.getObject("created_at", OffsetDateTime.class),
                        Optional.ofNullable(row.getObject("last_used_at", OffsetDateTime.class))))
                .list();
    }

    /** @throws TokenException NOT_FOUND when the user has no live token of that name */
    @Transactional
    void revoke(long userId, String name) {
        int revoked = jdbc.sql("update api_tokens set revoked_at = now() where user_id = ? and lower(name) = lower(?) and revoked_at is null")
                .params(userId, name).update();
        if (revoked == 0) {
            throw new TokenException(TokenException.Reason.NOT_FOUND, name);
        }
    }

    enum Rejection { MALFORMED, UNKNOWN, REVOKED }

    /** Who a presented token belongs to, or why it is refused. */
    record Verdict(Optional<ApiCaller> caller, Rejection rejection) {
    }

    Verdict authenticate(String token) {
        if (!FORMAT.matcher(token).matches()) {
            return new Verdict(Optional.empty(), Rejection.MALFORMED);
        }
        record Row(long id, long userId, String scopes, boolean revoked, boolean lastUseStale) {
        }
        Optional<Row> row = jdbc.sql("""
                        select id, user_id, array_to_string(scopes, ',') as scopes, revoked_at is not null as revoked,
                               last_used_at is null or last_used_at < now() - make_interval(secs => ?) as last_use_stale
                        from api_tokens where token_hash = ?""")
                .params(LAST_USED_PRECISION.toSeconds(), hash(token)).query(Row.class).optional();
        if (row.isEmpty()) {
            return new Verdict(Optional.empty(), Rejection.UNKNOWN);
        }
        if (row.get().revoked()) {
            return new Verdict(Optional.empty(), Rejection.REVOKED);
        }
        if (row.get().lastUseStale()) {
            jdbc.sql("update api_tokens set last_used_at = now() where id = ?").param(row.get().id()).update();
        }
        return new Verdict(Optional.of(new ApiCaller(row.get().userId(), row.get().id(), scopes(row.get().scopes()))), null);
    }

    /** In the merge's own transaction, before the merged user (and with it, by cascade, its tokens) is deleted. */
    @EventListener
    void on(AccountsMerged merge) {
        jdbc.sql("""
                update api_tokens t set user_id = ? where user_id = ? and (revoked_at is not null or not exists (
                    select 1 from api_tokens k where k.user_id = ? and lower(k.name) = lower(t.name) and k.revoked_at is null))""")
                .params(merge.kept(), merge.merged(), merge.kept()).update();
    }

    private static Set<Scope> scopes(String ids) {
        List<String> words = Arrays.stream(ids.split("[,\\s]+")).filter(word -> !word.isBlank()).toList();
        if (words.isEmpty()) {
            return EnumSet.allOf(Scope.class);
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String word : words) {
            scopes.add(Scope.of(word).orElseThrow(() -> new TokenException(TokenException.Reason.UNKNOWN_SCOPE, word)));
        }
        return scopes;
    }

    private static String textArray(Set<Scope> scopes) {
        return scopes.stream().map(Scope::id).collect(Collectors.joining(",", "{", "}"));
    }

    static String ids(Set<Scope> scopes) {
        return scopes.stream().map(Scope::id).collect(Collectors.joining(", "));
    }

    static String allIds() {
        return ids(new LinkedHashSet<>(EnumSet.allOf(Scope.class)));
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
