package com.ticolops.bot.notification;

/** A preference refused by its rules; each surface words the {@link #reason()} itself. */
class NotificationException extends RuntimeException {

    enum Reason {
        /** {@link #subject()} is not a time range like 19:00-08:00. */
        INVALID_RANGE,
        /** The person has no account on the platform {@link #subject()}. */
        NO_ACCOUNT,
        /** This Ticolops does not talk to {@link #subject()} (no Slack or Discord token, no SMTP server). */
        NOT_CONFIGURED,
        /** Email was chosen without an address, and none is linked. */
        NO_EMAIL,
        /** The address {@link #subject()} is not an email address. */
        INVALID_EMAIL,
        /** The verification email to {@link #subject()} could not be sent. */
        MAIL_FAILED,
        /** A webhook was chosen without its URL. */
        NO_URL,
        /** The webhook URL {@link #subject()} was refused by the SSRF guard; {@link #detail()} names the guard's reason. */
        WEBHOOK_REFUSED,
        /** {@link #subject()} is no project of the person. */
        NOT_A_PROJECT,
        /** The verification link is unknown or expired. */
        UNKNOWN_TOKEN
    }

    private final Reason reason;
    private final String subject;
    private final String detail;

    NotificationException(Reason reason, String subject) {
        this(reason, subject, null);
    }

    NotificationException(Reason reason, String subject, String detail) {
        super(reason + ": " + subject + (detail == null ? "" : " (" + detail + ")"));
        this.reason = reason;
        this.subject = subject;
        this.detail = detail;
    }

    Reason reason() {
        return reason;
    }

    String subject() {
        return subject;
    }

    String detail() {
        return detail;
    }
}
