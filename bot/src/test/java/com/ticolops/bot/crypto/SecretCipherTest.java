package com.ticolops.bot.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    @TempDir
    Path home;

    @Test
    void aSecretEncryptedWithTheKeyFileIsReadBackByTheNextStart() throws Exception {
        byte[] stored = withKeyFile().encrypt("webhook-secret-1");

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("webhook-secret-1");
        assertThat(withKeyFile().decrypt(stored)).isEqualTo("webhook-secret-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secret.key")))).isEqualTo("rw-------");
    }

    @Test
    void encryptingTheSameSecretTwiceGivesDifferentCiphertexts() {
        SecretCipher cipher = withKeyFile();

        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        SecretCipher cipher = withKeyFile();
        byte[] stored = cipher.encrypt("webhook-secret");
        stored[stored.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(stored)).isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be decrypted");
    }

    @Test
    void aConfiguredKeyIsUsedInsteadOfAKeyFile() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        SecretCipher cipher = new SecretCipher(new CryptoProperties(home, new CryptoProperties.Crypto(key)));

        assertThat(cipher.decrypt(cipher.encrypt("x"))).isEqualTo("x");
        assertThat(home.resolve("secret.key")).doesNotExist();
    }

    @Test
    void aConfiguredKeyOfTheWrongLengthIsRefusedWithHowToMakeOne() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new SecretCipher(new CryptoProperties(home, new CryptoProperties.Crypto(shortKey))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ticolops.crypto.key must hold 32 bytes (base64 of `openssl rand -base64 32`), not 16");
    }

    private SecretCipher withKeyFile() {
        return new SecretCipher(new CryptoProperties(home, new CryptoProperties.Crypto(null)));
    }
}
