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
        SecretCipher cipher = new SecretCipher(new CryptoProperties(home, new CryptoProperties.Crypto(key, null, null)));

        assertThat(cipher.decrypt(cipher.encrypt("x"))).isEqualTo("x");
        assertThat(home.resolve("secret.key")).doesNotExist();
    }

    @Test
    void aConfiguredKeyOfTheWrongLengthIsRefusedWithHowToMakeOne() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new SecretCipher(new CryptoProperties(home, new CryptoProperties.Crypto(shortKey, null, null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ticolops.crypto.key must hold 32 bytes (base64 of `openssl rand -base64 32`), not 16");
    }

    @Test
    void duringARotationEachPhaseReadsWhatTheOtherStores() {
        // GIVEN the key in use and the one to rotate to
        String old = TestKeys.newKey();
        String fresh = TestKeys.newKey();
        SecretCipher firstPhase = cipher(old, fresh, null);
        SecretCipher secondPhase = cipher(fresh, null, old);

        // WHEN a replica of each phase stores a secret
        byte[] storedByFirst = firstPhase.encrypt("stored in phase 1");
        byte[] storedBySecond = secondPhase.encrypt("stored in phase 2");

        // THEN either reads both, the first phase still encrypts with the old key and the second with the new one
        assertThat(firstPhase.decrypt(storedBySecond)).isEqualTo("stored in phase 2");
        assertThat(secondPhase.decrypt(storedByFirst)).isEqualTo("stored in phase 1");
        assertThat(cipher(old, null, null).decrypt(storedByFirst)).isEqualTo("stored in phase 1");
        assertThat(cipher(fresh, null, null).decrypt(storedBySecond)).isEqualTo("stored in phase 2");
        assertThatThrownBy(() -> cipher(fresh, null, null).decrypt(storedByFirst)).hasMessageContaining("could not be decrypted");
    }

    @Test
    void resealingEncryptsWithTheNewKeyWhatThePreviousOneStoredAndLeavesTheRestAlone() {
        String old = TestKeys.newKey();
        String fresh = TestKeys.newKey();
        SecretCipher secondPhase = cipher(fresh, null, old);
        byte[] underOld = cipher(old, null, null).encrypt("old");
        byte[] underNew = secondPhase.encrypt("new");

        assertThat(cipher(fresh, null, null).decrypt(secondPhase.reseal(underOld))).isEqualTo("old");
        assertThat(secondPhase.reseal(underNew)).isSameAs(underNew);
    }

    @Test
    void aMalformedNextOrPreviousKeyIsRefusedNamingItsSetting() {
        assertThatThrownBy(() -> cipher(TestKeys.newKey(), "not a key!", null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("ticolops.crypto.next-key is not base64; generate a key with: openssl rand -base64 32");
        assertThatThrownBy(() -> cipher(TestKeys.newKey(), null, Base64.getEncoder().encodeToString(new byte[16]))).isInstanceOf(IllegalStateException.class)
                .hasMessage("ticolops.crypto.previous-key must hold 32 bytes (base64 of `openssl rand -base64 32`), not 16");
    }

    @Test
    void aNextOrPreviousKeyThatIsTheKeyItselfIsRefused() {
        String key = TestKeys.newKey();

        assertThatThrownBy(() -> cipher(key, key, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ticolops.crypto.next-key is the same key as ticolops.crypto.key");
        // the same bytes written differently are still the same key
        assertThatThrownBy(() -> cipher(key, null, " " + key + "\n")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ticolops.crypto.previous-key is the same key as ticolops.crypto.key");
    }

    @Test
    void aPreviousKeyEqualToTheKeyFileIsRefusedNamingTheFile() throws Exception {
        withKeyFile();
        String inFile = Files.readString(home.resolve("secret.key")).strip();

        assertThatThrownBy(() -> new SecretCipher(new CryptoProperties(home, new CryptoProperties.Crypto(null, null, inFile))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ticolops.crypto.previous-key is the same key as " + home.resolve("secret.key").toAbsolutePath());
    }

    @Test
    void nextAndPreviousKeyTogetherAreRefused() {
        assertThatThrownBy(() -> cipher(TestKeys.newKey(), TestKeys.newKey(), TestKeys.newKey())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ticolops.crypto.next-key and ticolops.crypto.previous-key are both set");
    }

    private SecretCipher withKeyFile() {
        return new SecretCipher(new CryptoProperties(home, new CryptoProperties.Crypto(null, null, null)));
    }

    private SecretCipher cipher(String key, String nextKey, String previousKey) {
        return new SecretCipher(new CryptoProperties(home, new CryptoProperties.Crypto(key, nextKey, previousKey)));
    }
}
