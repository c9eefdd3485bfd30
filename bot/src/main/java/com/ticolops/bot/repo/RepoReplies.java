package com.ticolops.bot.repo;

import com.ticolops.bot.command.CommandException;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.git.GitProvider;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the repo commands word a refused use case in chat. */
final class RepoReplies {

    private RepoReplies() {
    }

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A replaced secret's expiry, to the minute. */
    static String until(Instant until) {
        return UNTIL.format(until);
    }

    static CommandException refusal(RepoException e) {
        return new CommandException(text(e));
    }

    static String text(RepoException e) {
        String label = e.provider() == null ? "" : GitHosts.label(e.provider());
        String typed = e.subject();
        return switch (e.reason()) {
            case NOT_A_REPOSITORY -> "`" + typed + "` is not a " + label + " repository: write " + (e.provider() == GitProvider.GITHUB
                    ? "owner/name, e.g. /ticolops repo connect github octo-org/shop main" : "group/name, e.g. /ticolops repo connect gitlab acme/shop");
            case NOT_A_BRANCH -> "`" + typed + "` is not a branch name.";
            case NOT_A_TOKEN -> "That does not look like a " + label + " token: paste the token itself, with nothing around it.";
            case BASE_URL_FOR_GITHUB -> "A base URL is for self-hosted GitLab; GitHub's API address is set by the administrator (ticolops.github.api-url).";
            case ALREADY_CONNECTED -> typed + " is already connected to project " + e.detail() + ".";
            case NOT_CONNECTED -> typed + " is not connected to " + e.detail() + ". See /ticolops repo list.";
            case AMBIGUOUS -> "Both a GitHub and a GitLab repository are called " + typed + ": say which, e.g. /ticolops repo disconnect " + typed + " gitlab";
            case GRACE_TOO_LONG -> "The old secret of " + typed + " can be accepted for " + RepoService.LONGEST_GRACE.toDays() + " days at most.";
            case NOT_A_URL -> "`" + typed + "` is not a URL: write the GitLab's address, e.g. https://gitlab.example.com";
            case NOT_A_GITLAB_ADDRESS -> "`" + typed + "` is not a GitLab address: write it as https://gitlab.example.com";
            case UNRESOLVABLE -> "The host of " + typed + " could not be resolved.";
            case METADATA_SERVICE -> willNotCall(typed, "it names a cloud metadata service");
            case INTERNAL_ADDRESS -> willNotCall(typed, "it resolves to " + e.detail() + ", an internal address");
            case NEEDS_HTTPS -> "Ticolops sends the token to GitLab, so the address must start with https://, not " + e.detail() + "://.";
            case HOST_REFUSED -> explain(e.hostFailure().orElseThrow(), e.provider(), typed);
            case TOKEN_REFUSED -> tokenRefused(e.hostFailure().orElseThrow(), label);
        };
    }

    private static String willNotCall(String typed, String why) {
        return "Ticolops will not call " + typed + ": " + why + ". An administrator can allow a network with ticolops.gitlab.allowed-networks.";
    }

    /** What went wrong asking about a repository, in words the user can act on. */
    private static String explain(GitHostException e, GitProvider provider, String repository) {
        String host = GitHosts.label(provider);
        return switch (e.reason()) {
            case UNAUTHORIZED -> "The " + host + " token is invalid or expired (" + host + " answered 401). Set a new one with /ticolops repo token "
                    + provider.id() + " <token>.";
            case FORBIDDEN -> "The " + host + " token has no " + (provider == GitProvider.GITHUB ? "admin" : "Maintainer") + " rights on "
                    + repository + ", which adding a webhook needs.";
            case NOT_FOUND -> host + " has no repository " + repository + ", or the token cannot see it.";
            case FAILED -> e.getMessage() + ".";
        };
    }

    private static String tokenRefused(GitHostException e, String label) {
        if (e.reason() == GitHostException.Reason.UNAUTHORIZED || e.reason() == GitHostException.Reason.FORBIDDEN) {
            return label + " does not accept this token (" + e.getMessage() + "). Nothing was saved; check it is complete and not expired.";
        }
        return e.getMessage() + ". The token could not be checked, so nothing was saved.";
    }
}
