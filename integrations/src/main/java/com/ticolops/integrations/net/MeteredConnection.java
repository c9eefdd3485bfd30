package com.ticolops.integrations.net;

import com.ticolops.integrations.net.OutboundMetrics.Outcome;
import com.ticolops.integrations.net.OutboundMetrics.Target;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.config.ConnectionConfig;
import org.apache.http.conn.HttpConnectionFactory;
import org.apache.http.conn.ManagedHttpClientConnection;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.impl.conn.DefaultManagedHttpClientConnection;

/**
 * An Apache HttpClient connection that times each request to its answer, through the two hooks HttpCore calls on every
 * exchange ({@code onRequestSubmitted}, {@code onResponseReceived}; its logging connection uses them too). This is the
 * one place GitLab's client (Jersey's, which GitLab4J builds and lets us configure only through properties), deploy
 * hooks and notification webhooks can all be measured per request. A connection is made for a request, so the first
 * one is timed from the connection's creation, connecting included. A connection shut down while a request waits for
 * its answer (refused, timed out, reset) is an unreachable call.
 */
final class MeteredConnection extends DefaultManagedHttpClientConnection {

    private static final AtomicLong IDS = new AtomicLong();

    private final OutboundMetrics metrics;
    private final Target target;
    /** The {@link System#nanoTime()} since which a request waits for its answer; 0 while none does. */
    private final AtomicLong waitingSince = new AtomicLong(System.nanoTime());

    private MeteredConnection(ConnectionConfig config, OutboundMetrics metrics, Target target) {
        super("http-outgoing-" + IDS.getAndIncrement(), config.getBufferSize(), config.getFragmentSizeHint(), null, null,
                config.getMessageConstraints(), null, null, null, null);
        this.metrics = metrics;
        this.target = target;
    }

    /** The connections of a connection manager; it passes no config unless one was set on it, and none is. */
    static HttpConnectionFactory<HttpRoute, ManagedHttpClientConnection> factory(OutboundMetrics metrics, Target target) {
        return (route, config) -> new MeteredConnection(config == null ? ConnectionConfig.DEFAULT : config, metrics, target);
    }

    @Override
    protected void onRequestSubmitted(HttpRequest request) {
        waitingSince.compareAndSet(0, System.nanoTime());
    }

    /** A 1xx is an interim answer: the final one follows. */
    @Override
    protected void onResponseReceived(HttpResponse response) {
        int status = response.getStatusLine().getStatusCode();
        if (status >= 200) {
            answered(Outcome.of(status));
        }
    }

    @Override
    public void close() throws IOException {
        answered(Outcome.UNREACHABLE);
        super.close();
    }

    @Override
    public void shutdown() throws IOException {
        answered(Outcome.UNREACHABLE);
        super.shutdown();
    }

    private void answered(Outcome outcome) {
        long since = waitingSince.getAndSet(0);
        if (since != 0) {
            metrics.called(target, outcome, System.nanoTime() - since);
        }
    }
}
