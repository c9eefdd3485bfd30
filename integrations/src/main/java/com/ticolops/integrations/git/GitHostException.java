package com.ticolops.integrations.git;

/** A call to GitHub's or GitLab's API failed; {@link #reason()} says what the user can do about it. */
public class GitHostException extends RuntimeException {

    public enum Reason {
        /** 401: the token is wrong, expired or revoked. */
        UNAUTHORIZED,
        /** 403: the token works but may not do this (no admin rights on the repository, or a missing scope). */
        FORBIDDEN,
        /** 404: no such repository, or the token cannot see it. */
        NOT_FOUND,
        /** The API could not be reached, or answered something else. */
        FAILED
    }

    private final Reason reason;

    public GitHostException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static Reason reasonFor(int httpStatus) {
        return switch (httpStatus) {
            case 401 -> Reason.UNAUTHORIZED;
            case 403 -> Reason.FORBIDDEN;
            case 404 -> Reason.NOT_FOUND;
            default -> Reason.FAILED;
        };
    }
}
