package com.ticolops.bot.deployment;

import com.ticolops.bot.crypto.StoredSecrets;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Deploy hook URLs (they carry their own credential), re-encrypted when the crypto key is rotated. */
@Component
class DeploymentStoredSecrets implements StoredSecrets {

    private final JdbcClient jdbc;

    DeploymentStoredSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Integer> reseal(UnaryOperator<byte[]> reseal) {
        return Map.of("deploy hook URLs", StoredSecrets.resealColumn(jdbc, "environments", "id", "hook_url_encrypted", reseal));
    }
}
