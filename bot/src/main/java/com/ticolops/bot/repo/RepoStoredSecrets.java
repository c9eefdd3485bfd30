package com.ticolops.bot.repo;

import com.ticolops.bot.crypto.StoredSecrets;
import java.util.Arrays;
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

    private record Sealed(long id, byte[] ciphertext) {
    }

    @Override
    public Map<String, Integer> reseal(UnaryOperator<byte[]> reseal) {
        Map<String, Integer> resealed = new LinkedHashMap<>();
        resealed.put("repository webhook secrets", reseal(reseal, "select id, webhook_secret_encrypted from repositories",
                "update repositories set webhook_secret_encrypted = ? where id = ? and webhook_secret_encrypted = ?"));
        resealed.put("previous repository webhook secrets", reseal(reseal, """
                        select id, previous_webhook_secret_encrypted from repositories where previous_webhook_secret_encrypted is not null""",
                "update repositories set previous_webhook_secret_encrypted = ? where id = ? and previous_webhook_secret_encrypted = ?"));
        resealed.put("access tokens", reseal(reseal, "select id, token_encrypted from git_access_tokens",
                "update git_access_tokens set token_encrypted = ? where id = ? and token_encrypted = ?"));
        return resealed;
    }

    private int reseal(UnaryOperator<byte[]> reseal, String select, String update) {
        int count = 0;
        for (Sealed sealed : jdbc.sql(select).query((row, n) -> new Sealed(row.getLong(1), row.getBytes(2))).list()) {
            byte[] again = reseal.apply(sealed.ciphertext());
            if (!Arrays.equals(again, sealed.ciphertext())) {
                count += jdbc.sql(update).params(again, sealed.id(), sealed.ciphertext()).update();
            }
        }
        return count;
    }
}
