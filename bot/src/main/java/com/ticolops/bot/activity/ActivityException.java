package com.ticolops.bot.activity;

/** An activity or presence use case refused; each surface says why in its own words. */
class ActivityException extends RuntimeException {

    enum Reason { EMPTY_LOCATION, LOCATION_TOO_LONG, UNKNOWN_TYPE, UNKNOWN_ZONE, NO_PROJECT, SEVERAL_PROJECTS, NOT_A_MEMBER }

    private final Reason reason;
    private final String subject;

    ActivityException(Reason reason, String subject) {
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
