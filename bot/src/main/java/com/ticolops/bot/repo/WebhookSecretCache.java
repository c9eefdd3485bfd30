package com.ticolops.bot.repo;

import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookSecrets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The webhook secrets the controllers check every delivery with, kept decrypted for a few seconds: a query and an
 * AES-GCM decryption per delivery were a tenth of the acknowledging path's cost. Connecting or disconnecting a
 * repository clears this replica's copy at once (and again after its commit, so a delivery read between the two cannot
 * keep the old one); another replica follows within {@link #LIFETIME}. Unknown repositories are not cached, so a
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

    private record Cached(String secret, long expiresAt) {
    }

    @Override
    public Optional<String> secretFor(GitProvider provider, String repositoryFullName) {
        String key = provider.id() + ":" + repositoryFullName.toLowerCase(Locale.ROOT);
        long now = System.nanoTime();
        Cached cached = secrets.get(key);
        if (cached != null && now - cached.expiresAt() < 0) {
            return Optional.of(cached.secret());
        }
        Optional<String> secret = repositories.secretFor(provider, repositoryFullName);
        secret.ifPresentOrElse(s -> secrets.put(key, new Cached(s, now + LIFETIME.toNanos())), () -> secrets.remove(key));
        return secret;
    }

    @EventListener
    void on(RepositoryConnected connected) {
        forgetAll();
    }

    @EventListener
    void on(RepositoryDisconnected disconnected) {
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
