package com.ticolops.bot.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ticolops.bot.TicolopsApplication;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.db.test.SharedTestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionOperations;

/** Rotating the crypto key: next-key while the replicas roll, then the new key with previous-key, which re-encrypts. */
class CryptoKeyRotationTest {

    private static final String KEY = "ticolops.crypto.key";
    private static final String NEXT_KEY = "ticolops.crypto.next-key";
    private static final String PREVIOUS_KEY = "ticolops.crypto.previous-key";
    private static final String REPOSITORY = "octo-org/rotation";

    @TempDir
    Path home;

    private final String database = SharedTestDatabase.newDatabase();
    private final String a = TestKeys.newKey();
    private final String b = TestKeys.newKey();

    @Test
    void startedWithANewKeyAndTheOldOneAsPreviousKeyEveryStoredSecretIsReEncryptedSoTheNewKeyAloneReadsThem() {
        // GIVEN a database whose secrets, one of each kind, were stored under key A
        Stored stored;
        try (ConfigurableApplicationContext first = start(Map.of(KEY, a), "a")) {
            stored = storeOneOfEachKind(first, a);
        }

        // WHEN Ticolops starts with key B and A as its previous key
        try (ConfigurableApplicationContext rotating = start(Map.of(KEY, b, PREVIOUS_KEY, a), "rotating")) {
            assertThat(rotating.isActive()).isTrue();
        }

        // THEN every stored secret decrypts with B alone, and the database expects B now
        SecretCipher bAlone = cipher(b, null, null);
        assertThat(decryptedWith(bAlone)).isEqualTo(stored.plaintexts());
        assertThat(storedFingerprint()).isEqualTo(bAlone.fingerprint());
        // AND a restart with B alone starts, and the repository's webhook still checks out
        try (ConfigurableApplicationContext third = start(Map.of(KEY, b), "b")) {
            assertThat(push(third, stored.webhookSecret())).isEqualTo(202);
        }
    }

    @Test
    void aReplicaOfTheFirstPhaseStartsOnADatabaseAlreadyRotatedToItsNextKeyAndReadsTheSecretsStoredUnderIt() {
        // GIVEN a database another replica rotated to key B, with secrets stored under B
        Stored stored;
        try (ConfigurableApplicationContext rotated = start(Map.of(KEY, b), "b")) {
            stored = storeOneOfEachKind(rotated, b);
        }

        // WHEN a replica still in the first phase (key A, next-key B) starts
        try (ConfigurableApplicationContext firstPhase = start(Map.of(KEY, a, NEXT_KEY, b), "first-phase")) {
            // THEN it starts, and the repository's webhook checks out with the secret stored under B
            assertThat(push(firstPhase, stored.webhookSecret())).isEqualTo(202);
        }
        // AND it reads every kind of secret, while the database still expects B
        assertThat(decryptedWith(cipher(a, b, null))).isEqualTo(stored.plaintexts());
        assertThat(storedFingerprint()).isEqualTo(cipher(b, null, null).fingerprint());
    }

    @Test
    void aKeyThatIsNeitherTheDatabasesNorItsNextOrPreviousIsRefusedAndSoAreMalformedOrSelfRotatingSettings() {
        // GIVEN a database set up with key A
        try (ConfigurableApplicationContext ignored = start(Map.of(KEY, a), "a")) {
            // started: A is recorded
        }

        // WHEN replicas start with an unrelated key C, given an unrelated previous-key or next-key
        Throwable withPrevious = catchThrowable(() -> start(Map.of(KEY, TestKeys.newKey(), PREVIOUS_KEY, TestKeys.newKey()), "previous").close());
        Throwable withNext = catchThrowable(() -> start(Map.of(KEY, TestKeys.newKey(), NEXT_KEY, TestKeys.newKey()), "next").close());

        // THEN both are refused as any other key, and the failure analysis says how a rotation is done
        assertThat(withPrevious).hasRootCauseInstanceOf(WrongEncryptionKeyException.class);
        assertThat(withNext).hasRootCauseInstanceOf(WrongEncryptionKeyException.class);
        FailureAnalysis analysis = new WrongEncryptionKeyFailureAnalyzer().analyze(withPrevious);
        assertThat(analysis.getAction()).contains(cipher(a, null, null).fingerprint()).contains("TICOLOPS_CRYPTO_PREVIOUS_KEY")
                .contains("TICOLOPS_CRYPTO_NEXT_KEY").doesNotContain(a);
        // AND a malformed next-key, or a previous-key that is the key itself, is refused naming the setting
        assertThat(NestedExceptionUtils.getMostSpecificCause(catchThrowable(() -> start(Map.of(KEY, a, NEXT_KEY, "c2VjcmV0"), "short").close())))
                .hasMessage("ticolops.crypto.next-key must hold 32 bytes (base64 of `openssl rand -base64 32`), not 6");
        assertThat(NestedExceptionUtils.getMostSpecificCause(catchThrowable(() -> start(Map.of(KEY, a, PREVIOUS_KEY, a), "same").close())))
                .hasMessageStartingWith("ticolops.crypto.previous-key is the same key as ticolops.crypto.key");
        // AND the database still expects A, and A still starts
        assertThat(storedFingerprint()).isEqualTo(cipher(a, null, null).fingerprint());
        try (ConfigurableApplicationContext again = start(Map.of(KEY, a), "again")) {
            assertThat(again.isActive()).isTrue();
        }
    }

    @Test
    void droppingPreviousKeyWhileASecretIsStillUnderItIsRefusedUntilAStartWithItReEncryptsIt() {
        // GIVEN a database rotated from A to B, where a replica still on A stored one more secret afterwards
        Stored stored;
        try (ConfigurableApplicationContext first = start(Map.of(KEY, a), "a")) {
            stored = storeOneOfEachKind(first, a);
        }
        start(Map.of(KEY, b, PREVIOUS_KEY, a), "rotating").close();
        database().sql("update repositories set webhook_secret_encrypted = ?").param(cipher(a, null, null).encrypt(stored.webhookSecret())).update();

        // WHEN Ticolops starts with B alone
        Throwable refused = catchThrowable(() -> start(Map.of(KEY, b), "b").close());

        // THEN it refuses, saying how many secrets are left and how to re-encrypt them
        assertThat(refused).hasRootCauseInstanceOf(UnreadableSecretsException.class);
        FailureAnalysis analysis = new UnreadableSecretsFailureAnalyzer().analyze(refused);
        assertThat(analysis.getDescription()).startsWith("1 stored secret is not encrypted with the key (fingerprint "
                + cipher(b, null, null).fingerprint() + "), though the database is at it");
        assertThat(analysis.getAction()).contains("TICOLOPS_CRYPTO_PREVIOUS_KEY");
        // AND once a start with A as previous key has re-encrypted it, B alone starts and reads it
        start(Map.of(KEY, b, PREVIOUS_KEY, a), "again").close();
        try (ConfigurableApplicationContext alone = start(Map.of(KEY, b), "alone")) {
            assertThat(push(alone, stored.webhookSecret())).isEqualTo(202);
        }
    }

    @Test
    void twoReplicasRotatingAtTheSameMomentReEncryptOnceAndBothReadEverySecret() throws Exception {
        // GIVEN a database whose secrets were stored under key A, and the beans of a Ticolops running on it
        try (ConfigurableApplicationContext running = start(Map.of(KEY, a), "a")) {
            Stored stored = storeOneOfEachKind(running, a);

            // WHEN two replicas with key B and previous-key A check the key at the same moment
            List<SecretCipher> replicas = List.of(cipher(b, null, a), cipher(b, null, a));
            CyclicBarrier together = new CyclicBarrier(replicas.size());
            ExecutorService threads = Executors.newFixedThreadPool(replicas.size());
            List<Future<EncryptionKeyCheck.Outcome>> checks = new ArrayList<>();
            for (SecretCipher replica : replicas) {
                EncryptionKeyCheck check = new EncryptionKeyCheck(replica, running.getBean(JdbcClient.class),
                        running.getBean(TransactionOperations.class), running.getBeanProvider(StoredSecrets.class));
                checks.add(threads.submit(() -> {
                    together.await();
                    return check.check();
                }));
            }
            List<EncryptionKeyCheck.Outcome> outcomes = new ArrayList<>();
            for (Future<EncryptionKeyCheck.Outcome> check : checks) {
                outcomes.add(check.get(60, TimeUnit.SECONDS));
            }
            threads.shutdown();

            // THEN one of them rotated, re-encrypting each secret once, and the other found nothing left to do
            assertThat(outcomes).extracting(EncryptionKeyCheck.Outcome::rotated).containsExactlyInAnyOrder(true, false);
            assertThat(outcomes).extracting(outcome -> outcome.reEncrypted().values().stream().mapToInt(Integer::intValue).sum())
                    .containsExactlyInAnyOrder(stored.plaintexts().size(), 0);
            // AND both replicas read every secret, as does B alone, which the database expects now
            for (SecretCipher replica : replicas) {
                assertThat(decryptedWith(replica)).isEqualTo(stored.plaintexts());
            }
            assertThat(decryptedWith(cipher(b, null, null))).isEqualTo(stored.plaintexts());
            assertThat(storedFingerprint()).isEqualTo(cipher(b, null, null).fingerprint());
        }
    }

    /** @param plaintexts by "table.column", each holding one encrypted secret */
    private record Stored(String webhookSecret, Map<String, String> plaintexts) {
    }

    /**
     * Connects a repository from the console (its webhook secret), then stores the other kinds as their modules do,
     * encrypted under {@code key}: a previous webhook secret, an access token, a deploy hook URL and a notification
     * webhook's secret.
     */
    private Stored storeOneOfEachKind(ConfigurableApplicationContext context, String key) {
        Ticolops ticolops = ticolops(context);
        ticolops.command("alice", "general", "/ticolops project create rotation");
        String webhookSecret = ticolops.connectGitHub("alice", "general", REPOSITORY);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Map<String, Object> repository = jdbc.sql("select id, project_id, connected_by from repositories").query().singleRow();
        SecretCipher cipher = cipher(key, null, null);
        jdbc.sql("update repositories set previous_webhook_secret_encrypted = ?, previous_webhook_secret_expires_at = now() + interval '1 day'")
                .param(cipher.encrypt("previous-webhook-secret")).update();
        jdbc.sql("insert into git_access_tokens (project_id, provider, api_url, repository, token_encrypted, set_by) values (?, 'github', ?, ?, ?, ?)")
                .params(repository.get("project_id"), "https://api.github.com", REPOSITORY, cipher.encrypt("ghp_rotation"),
                        repository.get("connected_by")).update();
        jdbc.sql("""
                        insert into environments (repository_id, name, executor, hook_url_encrypted, hook_host, required_role, created_by)
                        values (?, 'production', 'hook', ?, 'api.vercel.com', 'maintainer', ?)""")
                .params(repository.get("id"), cipher.encrypt("https://api.vercel.com/v1/integrations/deploy/prj_1/s3cret"),
                        repository.get("connected_by")).update();
        jdbc.sql("insert into notification_settings (user_id, channel, webhook_url, webhook_secret_encrypted) values (?, 'webhook', ?, ?)")
                .params(repository.get("connected_by"), "https://hooks.example.com/alice", cipher.encrypt("notification-webhook-secret")).update();
        Map<String, String> plaintexts = new LinkedHashMap<>();
        plaintexts.put("repositories.webhook_secret_encrypted", webhookSecret);
        plaintexts.put("repositories.previous_webhook_secret_encrypted", "previous-webhook-secret");
        plaintexts.put("git_access_tokens.token_encrypted", "ghp_rotation");
        plaintexts.put("environments.hook_url_encrypted", "https://api.vercel.com/v1/integrations/deploy/prj_1/s3cret");
        plaintexts.put("notification_settings.webhook_secret_encrypted", "notification-webhook-secret");
        return new Stored(webhookSecret, plaintexts);
    }

    /** Every encrypted column of the database, decrypted with {@code cipher}; fails if one cannot be. */
    private Map<String, String> decryptedWith(SecretCipher cipher) {
        Map<String, String> decrypted = new LinkedHashMap<>();
        for (String column : List.of("repositories.webhook_secret_encrypted", "repositories.previous_webhook_secret_encrypted",
                "git_access_tokens.token_encrypted", "environments.hook_url_encrypted", "notification_settings.webhook_secret_encrypted")) {
            String[] tableAndColumn = column.split("\\.");
            byte[] stored = database().sql("select " + tableAndColumn[1] + " from " + tableAndColumn[0] + " where " + tableAndColumn[1]
                    + " is not null").query(byte[].class).single();
            decrypted.put(column, cipher.decrypt(stored));
        }
        return decrypted;
    }

    private String storedFingerprint() {
        return database().sql("select fingerprint from encryption_key_check").query(String.class).single();
    }

    private JdbcClient database() {
        return JdbcClient.create(new DriverManagerDataSource(database, SharedTestDatabase.username(), ""));
    }

    private static int push(ConfigurableApplicationContext context, String webhookSecret) {
        return ticolops(context).gitHubDelivery("push", UUID.randomUUID().toString(), Payloads.bytes(Payloads.ANNOUNCEMENT + "push.json", REPOSITORY),
                webhookSecret).status();
    }

    private ConfigurableApplicationContext start(Map<String, String> crypto, String name) {
        Map<String, Object> properties = new HashMap<>(crypto);
        properties.putAll(Map.of("spring.datasource.url", database, "spring.datasource.username", SharedTestDatabase.username(),
                "ticolops.home", home.resolve(name).toString()));
        // An argument, not a default property: application.yml's port would win over that one.
        return new SpringApplicationBuilder(TicolopsApplication.class).properties(properties).run("--server.port=0");
    }

    private SecretCipher cipher(String key, String nextKey, String previousKey) {
        return new SecretCipher(new CryptoProperties(home, new CryptoProperties.Crypto(key, nextKey, previousKey)));
    }

    private static Ticolops ticolops(ConfigurableApplicationContext context) {
        return new Ticolops(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
