package com.ticolops.bot.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ticolops.bot.TicolopsApplication;
import com.ticolops.db.test.SharedTestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

class EncryptionKeyCheckTest {

    @TempDir
    Path home;

    @Test
    void aReplicaWithAnotherKeyThanTheDatabasesRefusesToStartAndSaysWhichSettingToFix() {
        // GIVEN a database a first Ticolops set up, with its key
        String database = SharedTestDatabase.newDatabase();
        String first = TestKeys.newKey();
        try (ConfigurableApplicationContext ignored = start(database, first, "first")) {
            // started: the key is recorded
        }

        // WHEN another starts on it with another key (its own key file on an empty volume, say)
        Throwable refused = catchThrowable(() -> start(database, TestKeys.newKey(), "second").close());

        // THEN it does not start, and the failure analysis names the setting and the fingerprint to match
        assertThat(refused).hasRootCauseInstanceOf(WrongEncryptionKeyException.class);
        WrongEncryptionKeyException cause = (WrongEncryptionKeyException) NestedExceptionUtils.getMostSpecificCause(refused);
        FailureAnalysis analysis = new WrongEncryptionKeyFailureAnalyzer().analyze(refused);
        assertThat(analysis.getDescription()).startsWith("The encryption key (fingerprint " + cause.mine()
                + ") is not the one the database's secrets were stored with (fingerprint " + cause.stored() + ")");
        assertThat(analysis.getAction()).contains("TICOLOPS_CRYPTO_KEY").contains(cause.stored()).doesNotContain(first);
        // AND the first key still starts
        try (ConfigurableApplicationContext again = start(database, first, "again")) {
            assertThat(again.isActive()).isTrue();
        }
    }

    private ConfigurableApplicationContext start(String database, String key, String name) {
        return new SpringApplicationBuilder(TicolopsApplication.class).properties(Map.of(
                "spring.datasource.url", database, "spring.datasource.username", SharedTestDatabase.username(),
                "ticolops.crypto.key", key, "ticolops.home", home.resolve(name).toString()))
                // An argument, not a default property: application.yml's port would win over that one.
                .run("--server.port=0");
    }
}
