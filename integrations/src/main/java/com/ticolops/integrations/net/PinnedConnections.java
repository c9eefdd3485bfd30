package com.ticolops.integrations.net;

import com.ticolops.integrations.git.GitHostAccess;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.DnsResolver;
import org.apache.http.conn.HttpClientConnectionManager;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.conn.BasicHttpClientConnectionManager;
import org.apache.http.impl.conn.SystemDefaultDnsResolver;

/**
 * Apache HttpClient connections that go only to the addresses an SSRF check resolved ({@link GitHostAccess#addresses()}),
 * so a DNS answer that changes after the check (rebinding) is never used. Only the name lookup is answered by us: the
 * host name stays in the request, so TLS (SNI, the certificate's name) and the Host header are those of the URL. Used by
 * GitLab's API client (through Jersey's Apache connector), deploy hooks and notification webhooks; each request is
 * counted in {@code ticolops_outbound_calls_seconds} ({@link MeteredConnection}).
 */
public final class PinnedConnections {

    private PinnedConnections() {
    }

    /** One connection at a time, for one client built per call. */
    public static HttpClientConnectionManager manager(GitHostAccess access, OutboundMetrics metrics, OutboundMetrics.Target target) {
        Registry<ConnectionSocketFactory> sockets = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .register("https", SSLConnectionSocketFactory.getSystemSocketFactory())
                .build();
        return new BasicHttpClientConnectionManager(sockets, MeteredConnection.factory(metrics, target), null, resolver(access));
    }

    /**
     * The checked addresses for the checked host, and nothing for any other host (a redirect must not reach one);
     * the system's resolver when no addresses were pinned (an address the administrator configured).
     */
    public static DnsResolver resolver(GitHostAccess access) {
        if (access.addresses().isEmpty()) {
            return SystemDefaultDnsResolver.INSTANCE;
        }
        String checked = bare(URI.create(access.apiUrl()).getHost());
        InetAddress[] pinned = access.addresses().toArray(InetAddress[]::new);
        return host -> {
            if (!bare(host).equalsIgnoreCase(checked)) {
                throw new UnknownHostException(host + " is not the host that was checked");
            }
            return pinned.clone();
        };
    }

    /** An IPv6 literal with or without its brackets. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
