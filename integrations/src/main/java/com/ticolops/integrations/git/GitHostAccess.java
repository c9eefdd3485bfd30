package com.ticolops.integrations.git;

import java.net.InetAddress;
import java.util.List;

/**
 * Where a provider's API is and the token to call it with.
 *
 * @param apiUrl    GitHub's REST API root (https://api.github.com) or a GitLab instance's base URL (https://gitlab.com)
 * @param addresses the addresses {@code apiUrl}'s host resolved to when it was checked against SSRF: the call connects to
 *                  these and no others, so a DNS answer that changes after the check (rebinding) is never used; the host
 *                  name still goes into TLS (SNI, certificate check) and the Host header. Empty for an address the
 *                  administrator configured, which is resolved as usual.
 */
public record GitHostAccess(String apiUrl, String token, List<InetAddress> addresses) {

    public GitHostAccess {
        addresses = List.copyOf(addresses);
    }

    public GitHostAccess(String apiUrl, String token) {
        this(apiUrl, token, List.of());
    }

    /** Keeps the token out of logs and exception messages. */
    @Override
    public String toString() {
        return "GitHostAccess[" + apiUrl + "]";
    }
}
