package com.ticolops.bot.user;

/** A link (of an account or an identity) refused by its rules; each surface words the {@link #reason()} itself. */
public class AccountLinkException extends RuntimeException {

    public enum Reason {
        /** The value is not a valid login, username or address of its kind. */
        INVALID,
        /** The identity belongs to another user. */
        TAKEN,
        /** No such link code, or it expired. */
        UNKNOWN_CODE,
        /** The code was made by the account redeeming it. */
        SAME_ACCOUNT,
        /** Both users have an account on the same chat platform: link account joins platforms, not two people. */
        SAME_PLATFORM
    }

    private final Reason reason;

    AccountLinkException(Reason reason, String subject) {
        super(reason + ": " + subject);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
