package com.ticolops.bot.user;

import com.ticolops.bot.command.ChatUser;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People and the identities they are known by on chat platforms and Git hosts. */
@Service
public class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    public String displayName(long userId) {
        return jdbc.sql("select display_name from users where id = ?").param(userId).query(String.class).single();
    }

    /**
     * Links an account to a user. A user has one GitHub and one GitLab name (a new link replaces the old one) and any
     * number of email addresses.
     *
     * @return the user it was linked to before, if the identity belonged to someone else
     */
    @Transactional
    public Optional<Long> link(long userId, IdentityKind kind, String externalId) {
        String normalized = kind.normalize(externalId);
        Optional<Long> owner = find(kind, normalized);
        if (owner.isPresent()) {
            return owner.get() == userId ? Optional.empty() : owner;
        }
        if (kind != IdentityKind.EMAIL) {
            jdbc.sql("delete from user_identities where user_id = ? and kind = ?").params(userId, kind.id()).update();
        }
        jdbc.sql("insert into user_identities (user_id, kind, external_id) values (?, ?, ?)").params(userId, kind.id(), normalized).update();
        return Optional.empty();
    }
}
