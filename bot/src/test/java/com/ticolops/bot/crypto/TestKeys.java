package com.ticolops.bot.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/** Keys as an operator makes them: base64 of 32 random bytes, as {@code openssl rand -base64 32} prints. */
final class TestKeys {

    private TestKeys() {
    }

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
