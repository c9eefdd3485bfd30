package com.ticolops.bot.repo;

import com.ticolops.bot.crypto.StoredSecrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Webhook secrets (the current one, and the one a rotation keeps accepting for a while) and access tokens, re-encrypted
 * when the crypto key is rotated. Their plaintext does not change, so {@link WebhookSecretCache} stays right.
 */
@Component
class RepoStoredSecrets implements StoredSecrets {

    private final JdbcClient jdbc;

    RepoStoredSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Integer> reseal(UnaryOperator<byte[]> reseal) {
        Map<String, Integer> resealed = new LinkedHashMap<>();
        resealed.put("repository webhook secrets", StoredSecrets.resealColumn(jdbc, "repositories", "id", "webhook_secret_encrypted", reseal));
        resealed.put("previous repository webhook secrets",
                StoredSecrets.resealColumn(jdbc, "repositories", "id", "previous_webhook_secret_encrypted", reseal));
        resealed.put("access tokens", StoredSecrets.resealColumn(jdbc, "git_access_tokens", "id", "token_encrypted", reseal));
        return resealed;
    }
}
