package com.ticolops.bot.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets we must keep but never show again (webhook secrets, tokens) with AES-256-GCM.
 * Stored form: a version byte, the 12-byte nonce, then ciphertext and tag.
 * <p>
 * While the key is rotated a second key decrypts too (never encrypts): {@code next-key} in the first phase, so a replica
 * still encrypting with the old key reads what a rotated one stores; {@code previous-key} in the second, so the new key
 * reads what was stored before it. GCM's tag tells which key a ciphertext was sealed with.
 */
@Component
public class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final byte VERSION = 1;
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String KEY = "ticolops.crypto.key";
    private static final String NEXT_KEY = "ticolops.crypto.next-key";
    private static final String PREVIOUS_KEY = "ticolops.crypto.previous-key";

    private final SecretKey key;
    /** Null unless a rotation's first phase. */
    private final SecretKey next;
    /** Null unless a rotation's second phase. */
    private final SecretKey previous;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(CryptoProperties properties) {
        CryptoProperties.Crypto crypto = properties.crypto();
        String keySource = isSet(crypto.key()) ? KEY : properties.keyFile().toString();
        byte[] key = isSet(crypto.key()) ? decodeKey(crypto.key(), KEY) : keyFromFile(properties.keyFile());
        byte[] next = isSet(crypto.nextKey()) ? decodeKey(crypto.nextKey(), NEXT_KEY) : null;
        byte[] previous = isSet(crypto.previousKey()) ? decodeKey(crypto.previousKey(), PREVIOUS_KEY) : null;
        if (next != null && previous != null) {
            throw new IllegalStateException(NEXT_KEY + " and " + PREVIOUS_KEY + " are both set: a rotation's first phase sets next-key to "
                    + "the new key, its second sets the key to the new one and previous-key to the one it replaces");
        }
        if (next != null && Arrays.equals(next, key)) {
            throw new IllegalStateException(NEXT_KEY + " is the same key as " + keySource + ": it must be the new key to rotate to "
                    + "(openssl rand -base64 32)");
        }
        if (previous != null && Arrays.equals(previous, key)) {
            throw new IllegalStateException(PREVIOUS_KEY + " is the same key as " + keySource + ": set the key to the new one and "
                    + "previous-key to the one it replaces");
        }
        this.key = aes(key);
        this.next = next == null ? null : aes(next);
        this.previous = previous == null ? null : aes(previous);
    }

    /** An HMAC of a fixed text under the key: tells two keys apart, and reveals nothing of either. */
    String fingerprint() {
        return fingerprint(key);
    }

    Optional<String> nextFingerprint() {
        return Optional.ofNullable(next).map(SecretCipher::fingerprint);
    }

    Optional<String> previousFingerprint() {
        return Optional.ofNullable(previous).map(SecretCipher::fingerprint);
    }

    private static String fingerprint(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] digest = mac.doFinal("ticolops encryption key check".getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public byte[] encrypt(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[1 + NONCE_BYTES + sealed.length];
            stored[0] = VERSION;
            System.arraycopy(nonce, 0, stored, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, stored, 1 + NONCE_BYTES, sealed.length);
            return stored;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws IllegalStateException when the data was tampered with or encrypted under another key */
    public String decrypt(byte[] stored) {
        checkFormat(stored);
        return open(key, stored)
                .or(() -> Optional.ofNullable(next != null ? next : previous).flatMap(other -> open(other, stored)))
                .orElseThrow(() -> new IllegalStateException(
                        "A stored secret could not be decrypted: was ticolops.crypto.key or the key file changed?"));
    }

    /** Whether this process's keys open the stored secret. */
    boolean opens(byte[] stored) {
        try {
            decrypt(stored);
            return true;
        } catch (IllegalStateException notOurs) {
            return false;
        }
    }

    /**
     * The stored secret encrypted with the key: the very array given when it already is, else decrypted (with the other
     * configured key) and encrypted anew.
     */
    byte[] reseal(byte[] stored) {
        checkFormat(stored);
        return open(key, stored).isPresent() ? stored : encrypt(decrypt(stored));
    }

    private static void checkFormat(byte[] stored) {
        if (stored.length < 1 + NONCE_BYTES || stored[0] != VERSION) {
            throw new IllegalStateException("Not a secret encrypted by this version of Ticolops");
        }
    }

    /** Empty when GCM's tag says the secret was not sealed with this key (or was tampered with). */
    private static Optional<String> open(SecretKey key, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException wrongKeyOrTampered) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static SecretKey aes(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }

    private byte[] keyFromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                createKeyFile(file);
            }
            return decodeKey(Files.readString(file).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the key file " + file, e);
        }
    }

    private void createKeyFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        try {
            // Created with mode 0600 from the start, so the key is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raceLost) {
            return;
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
        Arrays.fill(fresh, (byte) 0);
        log.info("Created the encryption key {}: back it up, stored secrets cannot be read without it", file);
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64; generate a key with: openssl rand -base64 32", e);
        }
        if (decoded.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must hold 32 bytes (base64 of `openssl rand -base64 32`), not " + decoded.length);
        }
        return decoded;
    }
}
