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
 */
@Component
public class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final byte VERSION = 1;
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(CryptoProperties properties) {
        this.key = new SecretKeySpec(properties.crypto().key() != null && !properties.crypto().key().isBlank()
                ? decodeKey(properties.crypto().key(), "ticolops.crypto.key")
                : keyFromFile(properties.keyFile()), "AES");
    }

    /** An HMAC of a fixed text under the key: tells two keys apart, and reveals nothing of either. */
    String fingerprint() {
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
        if (stored.length < 1 + NONCE_BYTES || stored[0] != VERSION) {
            throw new IllegalStateException("Not a secret encrypted by this version of Ticolops");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret could not be decrypted: was ticolops.crypto.key or the key file changed?", e);
        }
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
