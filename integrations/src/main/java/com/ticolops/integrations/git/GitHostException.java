package com.ticolops.integrations.git;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * A call to GitHub's or GitLab's API failed; {@link #reason()} says what the user can do about it. The message is a
 * plain sentence that may be shown to a user ("Could not reach gitlab.com: unknown host"), never a Java exception's
 * text: that stays in the cause, for the log.
 */
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

    /** The API answered with an HTTP status, e.g. "GitLab answered 502". */
    public static GitHostException answered(String provider, int httpStatus, Throwable cause) {
        return new GitHostException(reasonFor(httpStatus), provider + " answered " + httpStatus, cause);
    }

    /** No answer came from {@code apiUrl}: says which host and why, in words, e.g. "Could not reach gitlab.com: unknown host". */
    public static GitHostException unreachable(String apiUrl, Throwable cause) {
        return new GitHostException(Reason.FAILED, "Could not reach " + host(apiUrl) + ": " + why(cause), cause);
    }

    private static String why(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                    || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return "no answer in time";
            }
            if (t instanceof SSLException) {
                return "the TLS handshake failed (is its certificate trusted and made out to that name?)";
            }
        }
        return "the connection failed";
    }

    private static String host(String apiUrl) {
        try {
            URI uri = URI.create(apiUrl);
            return uri.getHost() == null ? apiUrl : uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return apiUrl;
        }
    }
}
