package com.ticolops.bot.crypto;

/** This process's encryption key is not the one the database's secrets were stored with. */
class WrongEncryptionKeyException extends IllegalStateException {

    private final String stored;
    private final String mine;

    WrongEncryptionKeyException(String stored, String mine) {
        super("The encryption key (fingerprint " + mine + ") is not the one the database's secrets were stored with (fingerprint " + stored + ")");
        this.stored = stored;
        this.mine = mine;
    }

    String stored() {
        return stored;
    }

    String mine() {
        return mine;
    }
}
