package com.ticolops.bot.crypto;

/** Stored secrets this process's keys cannot open, though the database is at its key: left over from a rotation. */
class UnreadableSecretsException extends IllegalStateException {

    private final int count;

    UnreadableSecretsException(String fingerprint, int count) {
        super(count + " stored secret" + (count == 1 ? " is" : "s are") + " not encrypted with the key (fingerprint " + fingerprint
                + "), though the database is at it");
        this.count = count;
    }

    int count() {
        return count;
    }
}
