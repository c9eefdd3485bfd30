package com.ticolops.integrations.git;

/**
 * Where a provider's API is and the token to call it with.
 *
 * @param apiUrl GitHub's REST API root (https://api.github.com) or a GitLab instance's base URL (https://gitlab.com)
 */
public record GitHostAccess(String apiUrl, String token) {

    /** Keeps the token out of logs and exception messages. */
    @Override
    public String toString() {
        return "GitHostAccess[" + apiUrl + "]";
    }
}
