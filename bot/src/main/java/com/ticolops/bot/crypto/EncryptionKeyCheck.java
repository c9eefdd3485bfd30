package com.ticolops.bot.crypto;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * On start, the key this process encrypts with must be the one the database's secrets were stored with: the first
 * start records its fingerprint, every later one (another replica, a restart) compares. Without this, a replica whose
 * key file was generated on an empty volume would store secrets no other replica can read, and fail to read theirs.
 */
@Component
class EncryptionKeyCheck implements InitializingBean {

    private final SecretCipher cipher;
    private final JdbcClient jdbc;

    EncryptionKeyCheck(SecretCipher cipher, JdbcClient jdbc) {
        this.cipher = cipher;
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        String mine = cipher.fingerprint();
        jdbc.sql("insert into encryption_key_check (fingerprint) values (?) on conflict do nothing").param(mine).update();
        String stored = jdbc.sql("select fingerprint from encryption_key_check").query(String.class).single();
        if (!stored.equals(mine)) {
            throw new WrongEncryptionKeyException(stored, mine);
        }
    }
}
