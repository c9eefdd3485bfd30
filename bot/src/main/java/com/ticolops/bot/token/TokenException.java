package com.ticolops.bot.token;

/** A token use case refused; the reason is for the surface to put in its own words. */
class TokenException extends RuntimeException {

    enum Reason { INVALID_NAME, NAME_TAKEN, UNKNOWN_SCOPE, NOT_FOUND }

    private final Reason reason;
    private final String subject;

    TokenException(Reason reason, String subject) {
        super(reason + ": " + subject);
        this.reason = reason;
        this.subject = subject;
    }

    Reason reason() {
        return reason;
    }

    String subject() {
        return subject;
    }
}
