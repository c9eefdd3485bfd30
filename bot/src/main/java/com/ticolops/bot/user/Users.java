package com.ticolops.bot.user;

import com.ticolops.bot.command.ChatUser;
import com.ticolops.integrations.chat.Platform;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People and the identities they are known by on chat platforms and Git hosts. */
@Service
public class Users {

    static final Duration LINK_CODE_LIFETIME = Duration.ofMinutes(10);
    /** No 0/O or 1/I/L: codes are read on one screen and typed on another. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final int CODE_LENGTH = 8;

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Users(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The user behind a chat account, created the first time we see (or someone mentions) them. */
    @Transactional
    public long resolve(ChatUser chatUser, String displayName) {
        IdentityKind kind = IdentityKind.of(chatUser.platform());
        String externalId = kind.normalize(chatUser.userId());
        Optional<Long> existing = find(kind, externalId);
        if (existing.isPresent()) {
            return existing.get();
        }
        long userId = jdbc.sql("insert into users (display_name) values (?) returning id").param(displayName).query(Long.class).single();
        // A concurrent first command from the same account may have won the race: keep theirs.
        int inserted = jdbc.sql("insert into user_identities (user_id, kind, external_id) values (?, ?, ?) on conflict (kind, external_id) do nothing")
                .params(userId, kind.id(), externalId).update();
        if (inserted == 0) {
            jdbc.sql("delete from users where id = ?").param(userId).update();
            return find(kind, externalId).orElseThrow();
        }
        return userId;
    }

    public Optional<Long> find(IdentityKind kind, String externalId) {
        return jdbc.sql("select user_id from user_identities where kind = ? and external_id = ?")
                .params(kind.id(), kind.normalize(externalId)).query(Long.class).optional();
    }

    /** Each user's display name, in one query: a conflict in a busy directory names dozens of people. */
    public Map<Long, String> displayNames(Collection<Long> userIds) {
        return jdbc.sql("select id, display_name from users where id = any(cast(? as bigint[]))").param(array(userIds))
                .query((row, n) -> Map.entry(row.getLong("id"), row.getString("display_name"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** How each user is mentioned on the platform ({@link #mention}), in one query. */
    public Map<Long, String> mentions(Collection<Long> userIds, Platform platform) {
        return jdbc.sql("""
                        select u.id, u.display_name,
                               (select i.external_id from user_identities i where i.user_id = u.id and i.kind = ? order by i.external_id limit 1) as account
                        from users u where u.id = any(cast(? as bigint[]))""")
                .params(IdentityKind.of(platform).id(), array(userIds))
                .query((row, n) -> Map.entry(row.getLong("id"), row.getString("account") != null ? platform.mention(row.getString("account"))
                        : "@" + row.getString("display_name"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String array(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    public String displayName(long userId) {
        return jdbc.sql("select display_name from users where id = ?").param(userId).query(String.class).single();
    }

    /**
     * Links a GitHub or GitLab name or an email address to a user. A user has one GitHub and one GitLab name (a new
     * link replaces the old one) and any number of email addresses.
     *
     * @param valid what a value of this kind looks like
     * @throws AccountLinkException INVALID, or TAKEN when the identity belongs to someone else
     */
    @Transactional
    public void link(long userId, IdentityKind kind, String externalId, Pattern valid) {
        if (!valid.matcher(externalId).matches()) {
            throw new AccountLinkException(AccountLinkException.Reason.INVALID, kind.id() + " " + externalId);
        }
        String normalized = kind.normalize(externalId);
        Optional<Long> owner = find(kind, normalized);
        if (owner.isPresent()) {
            if (owner.get() != userId) {
                throw new AccountLinkException(AccountLinkException.Reason.TAKEN, kind.id() + " " + externalId);
            }
            return;
        }
        if (kind != IdentityKind.EMAIL) {
            jdbc.sql("delete from user_identities where user_id = ? and kind = ?").params(userId, kind.id()).update();
        }
        jdbc.sql("insert into user_identities (user_id, kind, external_id) values (?, ?, ?)").params(userId, kind.id(), normalized).update();
    }

    /** How to mention a user on a platform: the platform's own mention when they have an account there, their name otherwise. */
    public String mention(long userId, Platform platform) {
        return identity(userId, IdentityKind.of(platform)).map(platform::mention)
                .orElseGet(() -> "@" + displayName(userId));
    }

    /** The user's account of this kind (their first email address, in order), if they have one. */
    public Optional<String> identity(long userId, IdentityKind kind) {
        return jdbc.sql("select external_id from user_identities where user_id = ? and kind = ? order by external_id limit 1")
                .params(userId, kind.id()).query(String.class).optional();
    }

    /** A fresh one-time code for {@code link account}; it replaces any earlier code of the same user. */
    @Transactional
    public LinkCode newLinkCode(long userId) {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        OffsetDateTime expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(LINK_CODE_LIFETIME);
        jdbc.sql("""
                insert into link_codes (code, user_id, expires_at) values (?, ?, ?)
                on conflict (user_id) do update set code = excluded.code, expires_at = excluded.expires_at""")
                .params(code.toString(), userId, expiresAt).update();
        return new LinkCode(code.toString(), expiresAt);
    }

    /**
     * Makes the redeeming user and the code's owner one person: the redeemer's accounts move to the owner, every
     * module moves the redeemer's rows on {@link AccountsMerged}, and the redeemer's user is removed. The owner's GitHub
     * and GitLab names win where both have one, as a person has one of each.
     *
     * @return the owner the accounts now belong to
     * @throws AccountLinkException UNKNOWN_CODE, SAME_ACCOUNT (the code stays usable) or SAME_PLATFORM
     */
    @Transactional
    public long redeemLinkCode(String code, long redeemer) {
        String normalized = code.toUpperCase(Locale.ROOT);
        long keep = jdbc.sql("select user_id from link_codes where code = ? and expires_at > now() for update")
                .param(normalized).query(Long.class).optional()
                .orElseThrow(() -> new AccountLinkException(AccountLinkException.Reason.UNKNOWN_CODE, code));
        if (keep == redeemer) {
            throw new AccountLinkException(AccountLinkException.Reason.SAME_ACCOUNT, code);
        }
        boolean samePlatform = jdbc.sql("""
                        select exists (select 1 from user_identities k join user_identities r on r.kind = k.kind
                        where k.user_id = ? and r.user_id = ? and k.kind in ('console', 'slack', 'discord'))""")
                .params(keep, redeemer).query(Boolean.class).single();
        if (samePlatform) {
            throw new AccountLinkException(AccountLinkException.Reason.SAME_PLATFORM, code);
        }
        jdbc.sql("delete from link_codes where code = ?").param(normalized).update();
        jdbc.sql("""
                delete from user_identities r where r.user_id = ? and r.kind in ('github', 'gitlab')
                and exists (select 1 from user_identities o where o.user_id = ? and o.kind = r.kind)""").params(redeemer, keep).update();
        jdbc.sql("update user_identities set user_id = ? where user_id = ?").params(keep, redeemer).update();
        events.publishEvent(new AccountsMerged(keep, redeemer));
        jdbc.sql("delete from users where id = ?").param(redeemer).update();
        return keep;
    }

    public record LinkCode(String code, OffsetDateTime expiresAt) {
    }
}
