package com.ticolops.bot.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says how to re-encrypt what a key rotation left behind, in Spring Boot's "APPLICATION FAILED TO START" block. */
class UnreadableSecretsFailureAnalyzer extends AbstractFailureAnalyzer<UnreadableSecretsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnreadableSecretsException cause) {
        return new FailureAnalysis(cause.getMessage() + ". A replica still on the old key stored "
                + (cause.count() == 1 ? "it" : "them") + " after the key was rotated; without that key "
                + (cause.count() == 1 ? "it" : "they") + " cannot be read.",
                "Start once more with the old key as TICOLOPS_CRYPTO_PREVIOUS_KEY (ticolops.crypto.previous-key): that start re-encrypts "
                        + "them with the key. Then drop it again.", cause);
    }
}
