package com.ticolops.bot.conflict;

/** A conflicts use case refused. */
class ConflictException extends RuntimeException {

    enum Reason { NOT_FOUND }

    private final Reason reason;
    private final long id;

    ConflictException(Reason reason, long id) {
        super(reason + ": " + id);
        this.reason = reason;
        this.id = id;
    }

    Reason reason() {
        return reason;
    }

    long id() {
        return id;
    }
}
