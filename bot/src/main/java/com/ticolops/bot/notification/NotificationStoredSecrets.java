package com.ticolops.bot.notification;

import com.ticolops.bot.crypto.StoredSecrets;
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

    @Override
    public Map<String, Integer> reseal(UnaryOperator<byte[]> reseal) {
        return Map.of("notification webhook secrets",
                StoredSecrets.resealColumn(jdbc, "notification_settings", "user_id", "webhook_secret_encrypted", reseal));
    }
}
