package com.ticolops.integrations.gitlab;

import com.ticolops.integrations.git.GitHostAccess;
import com.ticolops.integrations.git.GitHostException;
import com.ticolops.integrations.net.OutboundMetrics;
import com.ticolops.integrations.net.PinnedConnections;
import java.util.HashMap;
import java.util.Map;
import org.apache.http.conn.HttpClientConnectionManager;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.glassfish.jersey.apache.connector.ApacheClientProperties;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.RequestEntityProcessing;
import org.springframework.stereotype.Component;

/**
 * How every GitLab API call is made: one GitLab4J client per call, at the checked addresses, errors in words. Each of
 * its requests is counted in {@code ticolops_outbound_calls_seconds} by the connections; GitLab4J does not wait out a
 * 429: the call fails.
 */
@Component
class GitLabApis {

    private final OutboundMetrics metrics;

    GitLabApis(OutboundMetrics metrics) {
        this.metrics = metrics;
    }

    interface Call<T> {
        T run(GitLabApi api) throws GitLabApiException;
    }

    /**
     * GitLab4J reports a request that got no answer with HTTP status 0. The connection manager is ours to close: left
     * to Jersey, it was at times shut down between two requests of one call, failing the second with "Connection
     * manager has been shut down" (one run in three of GitLabDeployClientTest).
     */
    <T> T call(GitHostAccess access, Call<T> call) {
        HttpClientConnectionManager connections = PinnedConnections.manager(access, metrics, OutboundMetrics.Target.GITLAB);
        try (GitLabApi api = api(access, connections)) {
            return call.run(api);
        } catch (GitLabApiException e) {
            throw e.getHttpStatus() > 0 ? GitHostException.answered("GitLab", e.getHttpStatus(), e) : GitHostException.unreachable(access.apiUrl(), e);
        } catch (GitHostException e) {
            throw e;
        } catch (RuntimeException e) {
            throw GitHostException.unreachable(access.apiUrl(), e);
        } finally {
            connections.shutdown();
        }
    }

    /**
     * The connection goes only to the addresses the SSRF check resolved ({@link GitHostAccess#addresses()}): GitLab4J
     * asks Jersey to follow redirects on every request (no setting here overrides it), so a redirect to the same host
     * is followed, and one to any other host fails, as only the checked host resolves. It goes through Jersey's Apache
     * connector, the one Jersey connector that lets us answer its DNS lookups; GitLab4J picks that connector only when a
     * proxy is configured, and a proxy property without a value picks it with no proxy.
     */
    private static GitLabApi api(GitHostAccess access, HttpClientConnectionManager connections) {
        Map<String, Object> config = new HashMap<>();
        config.put(ClientProperties.PROXY_URI, null);
        config.put(ApacheClientProperties.CONNECTION_MANAGER, connections);
        config.put(ApacheClientProperties.CONNECTION_MANAGER_SHARED, true);
        config.put(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.BUFFERED);
        config.put(ClientProperties.CONNECT_TIMEOUT, 10_000);
        config.put(ClientProperties.READ_TIMEOUT, 30_000);
        return new GitLabApi(access.apiUrl(), access.token(), config);
    }
}
