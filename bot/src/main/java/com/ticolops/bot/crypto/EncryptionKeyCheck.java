package com.ticolops.bot.crypto;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * On start, the key this process encrypts with must be the one the database's secrets were stored with: the first
 * start records its fingerprint, every later one (another replica, a restart) compares. Without this, a replica whose
 * key file was generated on an empty volume would store secrets no other replica can read, and fail to read theirs.
 * <p>
 * A rotation's first phase also accepts a database already at its next key. In its second phase, a database still at
 * the previous key has every stored secret re-encrypted with the key and the new fingerprint recorded, in one
 * transaction, so a failure leaves the database as it was.
 */
@Component
class EncryptionKeyCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EncryptionKeyCheck.class);

    private final SecretCipher cipher;
    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final ObjectProvider<StoredSecrets> secrets;

    EncryptionKeyCheck(SecretCipher cipher, JdbcClient jdbc, TransactionOperations transactions, ObjectProvider<StoredSecrets> secrets) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.secrets = secrets;
    }

    @Override
    public void afterPropertiesSet() {
        check();
    }

    /**
     * What a start did: whether it moved the database from the previous key to this one, and what it re-encrypted, by
     * kind (nothing unless previous-key is set).
     */
    record Outcome(boolean rotated, Map<String, Integer> reEncrypted) {
    }

    Outcome check() {
        return transactions.execute(status -> {
            // Replicas starting together take turns: the first re-encrypts, the next ones find the new fingerprint.
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended('ticolops encryption key check', 0))").query((row, n) -> 1).list();
            String mine = cipher.fingerprint();
            jdbc.sql("insert into encryption_key_check (fingerprint) values (?) on conflict do nothing").param(mine).update();
            String stored = jdbc.sql("select fingerprint from encryption_key_check").query(String.class).single();
            boolean rotating = is(cipher.previousFingerprint(), stored);
            if (!stored.equals(mine) && !rotating && !is(cipher.nextFingerprint(), stored)) {
                throw new WrongEncryptionKeyException(stored, mine);
            }
            if (cipher.previousFingerprint().isEmpty()) {
                refuseUnreadable(mine);
                return new Outcome(false, Map.of());
            }
            // Also when the database is at this key already: a replica of the first phase, still encrypting with the
            // previous key, may have stored secrets since another replica re-encrypted.
            Map<String, Integer> reEncrypted = new LinkedHashMap<>();
            secrets.orderedStream().forEach(owner -> reEncrypted.putAll(owner.reseal(cipher::reseal)));
            if (rotating) {
                jdbc.sql("update encryption_key_check set fingerprint = ?, created_at = now()").param(mine).update();
                log.info("Rotated the encryption key from fingerprint {} to {}: re-encrypted {}", stored, mine, counts(reEncrypted));
            } else if (reEncrypted.values().stream().anyMatch(count -> count > 0)) {
                log.info("Re-encrypted with the key (fingerprint {}) what was stored with the previous one since the rotation: {}", mine,
                        counts(reEncrypted));
            } else {
                log.info("Every stored secret is encrypted with the key (fingerprint {}) already", mine);
            }
            return new Outcome(rotating, reEncrypted);
        });
    }

    /**
     * Without previous-key, every stored secret must open with this process's keys. One that does not was stored by a
     * first-phase replica, under the old key, after the last second-phase start re-encrypted: dropping previous-key
     * would leave it unreadable for good, so the start is refused while the old key can still be given back.
     */
    private void refuseUnreadable(String mine) {
        AtomicInteger unreadable = new AtomicInteger();
        secrets.orderedStream().forEach(owner -> owner.reseal(stored -> {
            if (!cipher.opens(stored)) {
                unreadable.incrementAndGet();
            }
            return stored;
        }));
        if (unreadable.get() > 0) {
            throw new UnreadableSecretsException(mine, unreadable.get());
        }
    }

    private static boolean is(Optional<String> fingerprint, String stored) {
        return fingerprint.filter(stored::equals).isPresent();
    }

    private static String counts(Map<String, Integer> reEncrypted) {
        return reEncrypted.entrySet().stream().map(kind -> kind.getValue() + " " + kind.getKey()).collect(Collectors.joining(", "));
    }
}
