package com.ticolops.bot.notification;

import com.ticolops.bot.crypto.StoredSecrets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The secrets people's own notification webhooks are signed with, re-encrypted when the crypto key is rotated. */
@Component
class NotificationStoredSecrets implements StoredSecrets {

    private final JdbcClient jdbc;

    NotificationStoredSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Sealed(long userId, byte[] ciphertext) {
    }

    @Override
    public Map<String, Integer> reseal(UnaryOperator<byte[]> reseal) {
        int count = 0;
        for (Sealed sealed : jdbc.sql("select user_id, webhook_secret_encrypted from notification_settings where webhook_secret_encrypted is not null")
                .query((row, n) -> new Sealed(row.getLong(1), row.getBytes(2))).list()) {
            byte[] again = reseal.apply(sealed.ciphertext());
            if (!Arrays.equals(again, sealed.ciphertext())) {
                count += jdbc.sql("update notification_settings set webhook_secret_encrypted = ? where user_id = ? and webhook_secret_encrypted = ?")
                        .params(again, sealed.userId(), sealed.ciphertext()).update();
            }
        }
        return Map.of("notification webhook secrets", count);
    }
}
