package com.ticolops.integrations.gitlab;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.net.PinnedConnections;
import java.util.HashMap;
import java.util.Map;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.glassfish.jersey.apache.connector.ApacheClientProperties;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.RequestEntityProcessing;

/** How every GitLab API call is made: one GitLab4J client per call, at the checked addresses, errors in words. */
final class GitLabApis {

    private GitLabApis() {
    }

    interface Call<T> {
        T run(GitLabApi api) throws GitLabApiException;
    }

    /** GitLab4J reports a request that got no answer with HTTP status 0. */
    static <T> T call(GitHostAccess access, Call<T> call) {
        try (GitLabApi api = api(access)) {
            return call.run(api);
        } catch (GitLabApiException e) {
            throw e.getHttpStatus() > 0 ? GitHostException.answered("GitLab", e.getHttpStatus(), e) : GitHostException.unreachable(access.apiUrl(), e);
        } catch (GitHostException e) {
            throw e;
        } catch (RuntimeException e) {
            throw GitHostException.unreachable(access.apiUrl(), e);
        }
    }

    /**
     * Redirects are not followed: the base URL passed the SSRF check, wherever it might redirect to did not. The
     * connection goes to the addresses the check resolved ({@link GitHostAccess#addresses()}), through Jersey's Apache
     * connector, the one Jersey connector that lets us answer its DNS lookups; GitLab4J picks that connector only when a
     * proxy is configured, and a proxy property without a value picks it with no proxy.
     */
    private static GitLabApi api(GitHostAccess access) {
        Map<String, Object> config = new HashMap<>();
        config.put(ClientProperties.PROXY_URI, null);
        config.put(ApacheClientProperties.CONNECTION_MANAGER, PinnedConnections.manager(access));
        config.put(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.BUFFERED);
        config.put(ClientProperties.FOLLOW_REDIRECTS, false);
        config.put(ClientProperties.CONNECT_TIMEOUT, 10_000);
        config.put(ClientProperties.READ_TIMEOUT, 30_000);
        return new GitLabApi(access.apiUrl(), access.token(), config);
    }
}
