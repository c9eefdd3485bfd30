package com.ticolops.bot.deployment;

import com.ticolops.bot.crypto.StoredSecrets;
import java.util.Arrays;
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

    private record Sealed(long id, byte[] ciphertext) {
    }

    @Override
    public Map<String, Integer> reseal(UnaryOperator<byte[]> reseal) {
        int count = 0;
        for (Sealed sealed : jdbc.sql("select id, hook_url_encrypted from environments where hook_url_encrypted is not null")
                .query((row, n) -> new Sealed(row.getLong(1), row.getBytes(2))).list()) {
            byte[] again = reseal.apply(sealed.ciphertext());
            if (!Arrays.equals(again, sealed.ciphertext())) {
                count += jdbc.sql("update environments set hook_url_encrypted = ? where id = ? and hook_url_encrypted = ?")
                        .params(again, sealed.id(), sealed.ciphertext()).update();
            }
        }
        return Map.of("deploy hook URLs", count);
    }
}
