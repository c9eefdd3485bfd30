package com.ticolops.bot.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which setting to fix, in Spring Boot's "APPLICATION FAILED TO START" block, rather than with a stack trace. */
class WrongEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<WrongEncryptionKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WrongEncryptionKeyException cause) {
        return new FailureAnalysis(cause.getMessage() + ". Stored secrets (webhook secrets, access tokens) cannot be read with it, "
                + "and secrets it stored could not be read by the others.",
                "Give every replica the key the database was set up with: TICOLOPS_CRYPTO_KEY (ticolops.crypto.key), or the "
                        + "secret.key file under TICOLOPS_HOME of the first start. Its fingerprint is " + cause.stored() + ". To rotate to a new "
                        + "key, give the new one as TICOLOPS_CRYPTO_KEY and the database's as TICOLOPS_CRYPTO_PREVIOUS_KEY "
                        + "(ticolops.crypto.previous-key): the secrets are re-encrypted on start; with several replicas, roll them with "
                        + "TICOLOPS_CRYPTO_NEXT_KEY first (the README's runbook).", cause);
    }
}
