package com.ticolops.bot.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticolops.crypto.key} ({@code TICOLOPS_CRYPTO_KEY}): base64 of a 32-byte AES key that encrypts stored secrets.
 * Without it, a key file is created under {@code ticolops.home} on first start and reused afterwards.
 * <p>
 * Rotating it (the README's runbook): {@code ticolops.crypto.next-key} ({@code TICOLOPS_CRYPTO_NEXT_KEY}) while the
 * replicas roll to being able to read the new key, then {@code ticolops.crypto.previous-key}
 * ({@code TICOLOPS_CRYPTO_PREVIOUS_KEY}) with the new key as {@code key}, which re-encrypts what was stored.
 */
@ConfigurationProperties("ticolops")
record CryptoProperties(@DefaultValue(".ticolops") Path home, @DefaultValue Crypto crypto) {

    record Crypto(String key, String nextKey, String previousKey) {
    }

    Path keyFile() {
        return home.resolve("secret.key").toAbsolutePath().normalize();
    }
}
