package com.ticolops.bot.crypto;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The secrets a module stores encrypted with {@link SecretCipher}, implemented by that module for its own tables: when
 * the key is rotated, the key check has them re-encrypted this way, since a module writes only its own tables.
 */
public interface StoredSecrets {

    /**
     * Replaces every stored ciphertext with what {@code reseal} makes of it, in the caller's transaction. A row is left
     * alone when {@code reseal} gives back the same bytes, or when it changed since it was read (a secret stored anew
     * meanwhile must not be overwritten with the old one).
     *
     * @return how many were replaced, by kind: a plural for the log, such as "deploy hook URLs"
     */
    Map<String, Integer> reseal(UnaryOperator<byte[]> reseal);
}
