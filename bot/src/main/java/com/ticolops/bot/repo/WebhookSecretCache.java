package com.ticolops.bot.repo;

import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookSecrets;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The webhook secrets the controllers check every delivery with, kept decrypted for a few seconds: a query and an
 * AES-GCM decryption per delivery were a tenth of the acknowledging path's cost. Connecting, disconnecting or rotating
 * a repository's secret clears this replica's copy at once (and again after its commit, so a delivery read between the
 * two cannot keep the old one); another replica follows within {@link #LIFETIME}, or at once for a new secret, since
 * a mismatch is checked again against the database. A secret no longer accepted may so still pass for that long. Unknown repositories are not cached, so a
 * repository connected on another replica is known to this one at once.
 */
@Component
class WebhookSecretCache implements WebhookSecrets {

    static final Duration LIFETIME = Duration.ofSeconds(10);

    private final Repositories repositories;
    private final Map<String, Cached> secrets = new ConcurrentHashMap<>();

    WebhookSecretCache(Repositories repositories) {
        this.repositories = repositories;
    }

    private record Cached(List<String> secrets, long expiresAt) {
    }

    @Override
    public List<String> secretsFor(GitProvider provider, String repositoryFullName) {
        Cached cached = secrets.get(key(provider, repositoryFullName));
        if (cached != null && System.nanoTime() - cached.expiresAt() < 0) {
            return cached.secrets();
        }
        return currentSecretsFor(provider, repositoryFullName);
    }

    @Override
    public List<String> currentSecretsFor(GitProvider provider, String repositoryFullName) {
        String key = key(provider, repositoryFullName);
        long now = System.nanoTime();
        List<String> current = repositories.secretsFor(provider, repositoryFullName);
        if (current.isEmpty()) {
            secrets.remove(key);
        } else {
            secrets.put(key, new Cached(current, now + LIFETIME.toNanos()));
        }
        return current;
    }

    private static String key(GitProvider provider, String repositoryFullName) {
        return provider.id() + ":" + repositoryFullName.toLowerCase(Locale.ROOT);
    }

    @EventListener
    void on(RepositoryConnected connected) {
        forgetAll();
    }

    @EventListener
    void on(RepositoryDisconnected disconnected) {
        forgetAll();
    }

    @EventListener
    void on(WebhookSecretRotated rotated) {
        forgetAll();
    }

    private void forgetAll() {
        secrets.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    secrets.clear();
                }
            });
        }
    }
}
