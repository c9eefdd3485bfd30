package com.ticolops.integrations.git;

/**
 * Deploy hook URLs (Vercel deploy hooks, Netlify build hooks, Render deploy hooks, any HTTPS endpoint that starts a
 * deploy on POST). An outbound call: never inside a database transaction.
 */
public interface DeployHooks {

    /**
     * POSTs to the hook, connecting only to {@code target.addresses()} (checked against SSRF when the hook was
     * stored), with the host name kept for TLS and the Host header.
     *
     * @return the response's status code (2xx: the platform took it)
     * @throws GitHostException FAILED when the hook could not be reached or answered an error
     */
    int trigger(GitHostAccess target, DeployClient.DeployRequest request);
}
