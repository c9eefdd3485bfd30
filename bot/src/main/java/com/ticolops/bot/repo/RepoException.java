package com.ticolops.bot.repo;

import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import java.util.Optional;

/**
 * A repository use case refused by one of its rules, by the SSRF guard or by the provider's API. The message is for
 * logs; each surface (chat, REST, pages) words the {@link #reason()} in its own way.
 */
public class RepoException extends RuntimeException {

    public enum Reason {
        /** {@link #subject()} is not a repository of {@link #provider()}: neither owner/name nor its URL. */
        NOT_A_REPOSITORY,
        /** {@link #subject()} is not a branch name. */
        NOT_A_BRANCH,
        /** What was given does not look like a token of {@link #provider()}; it is not kept, not even in the message. */
        NOT_A_TOKEN,
        /** A base URL was given for GitHub, whose API address is the administrator's. */
        BASE_URL_FOR_GITHUB,
        /** {@link #subject()} is connected already, to project {@link #detail()}. */
        ALREADY_CONNECTED,
        /** {@link #subject()} is not connected to project {@link #detail()}. */
        NOT_CONNECTED,
        /** A replaced webhook secret of {@link #subject()} would be accepted longer than {@link RepoService#LONGEST_GRACE}. */
        GRACE_TOO_LONG,
        /** Both a GitHub and a GitLab repository of the project are called {@link #subject()}. */
        AMBIGUOUS,
        /** The address {@link #subject()} is not a URL. */
        NOT_A_URL,
        /** The address {@link #subject()} is a URL, but not of a GitLab (no http(s), user info, a query...). */
        NOT_A_GITLAB_ADDRESS,
        /** The host of {@link #subject()} does not resolve. */
        UNRESOLVABLE,
        /** The address {@link #subject()} names a cloud metadata service. */
        METADATA_SERVICE,
        /** The address {@link #subject()} resolves to {@link #detail()}, an internal address. */
        INTERNAL_ADDRESS,
        /** The address {@link #subject()} would send the token over {@link #detail()}, not https. */
        NEEDS_HTTPS,
        /** The provider's API refused or failed a call about repository {@link #subject()}; see {@link #hostFailure()}. */
        HOST_REFUSED,
        /** The provider's API at {@link #subject()} did not accept the token, or could not check it; see {@link #hostFailure()}. */
        TOKEN_REFUSED
    }

    private final Reason reason;
    private final GitProvider provider;
    private final String subject;
    private final String detail;

    RepoException(Reason reason, GitProvider provider, String subject) {
        this(reason, provider, subject, null, null);
    }

    RepoException(Reason reason, GitProvider provider, String subject, String detail) {
        this(reason, provider, subject, detail, null);
    }

    RepoException(Reason reason, GitProvider provider, String subject, GitHostException hostFailure) {
        this(reason, provider, subject, null, hostFailure);
    }

    private RepoException(Reason reason, GitProvider provider, String subject, String detail, GitHostException hostFailure) {
        super(reason + ": " + subject + (detail == null ? "" : " (" + detail + ")") + (hostFailure == null ? "" : ": " + hostFailure.getMessage()),
                hostFailure);
        this.reason = reason;
        this.provider = provider;
        this.subject = subject;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public GitProvider provider() {
        return provider;
    }

    /** What was typed or concerned: a repository, a branch, an address. */
    public String subject() {
        return subject;
    }

    /** A project's name, an address or a URL scheme, as {@link Reason} says. */
    public String detail() {
        return detail;
    }

    /** The API's refusal, for {@link Reason#HOST_REFUSED} and {@link Reason#TOKEN_REFUSED}. */
    public Optional<GitHostException> hostFailure() {
        return Optional.ofNullable((GitHostException) getCause());
    }
}
