package com.ticolops.integrations.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Socket Mode: Ticolops dials out to Slack over a WebSocket, for teams whose server has no public URL. Commands then
 * arrive through the same Bolt app as over HTTP. A failed first connection (Slack unreachable at start-up, a refused
 * token) is tried again after a wait that doubles from {@link #FIRST_RETRY} up to {@link #MAX_RETRY}, and the health
 * check says why it is down, rather than stopping the server: the console and the other platforms keep working. Once
 * connected, Bolt's client reconnects by itself.
 */
class SlackSocketMode implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);

    private final String appToken;
    private final App app;
    private volatile ScheduledExecutorService connecting;
    private volatile SocketModeApp socketMode;
    /** Why the first connection is not made yet, or null. */
    private volatile String failure;

    SlackSocketMode(String appToken, App app) {
        this.appToken = appToken;
        this.app = app;
    }

    @Override
    public void start() {
        connecting = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "slack-socket-mode-connect");
            thread.setDaemon(true);
            return thread;
        });
        failure = "connecting";
        connecting.execute(() -> connect(1));
    }

    private void connect(int attempt) {
        SocketModeApp candidate = null;
        try {
            candidate = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
            candidate.startAsync();
            socketMode = candidate;
            failure = null;
            log.info("Connected to Slack in Socket Mode");
        } catch (Exception e) {
            String why = candidate != null && candidate.getClient() == null
                    // Bolt logs Slack's answer and leaves no client: the call that opens a connection failed.
                    ? "Slack did not open a connection: apps.connections.open failed, its answer is in the log"
                    : String.valueOf(e.getMessage());
            stopQuietly(candidate);
            Duration wait = waitAfter(attempt);
            failure = "attempt " + attempt + " failed (" + why + "); retrying in " + wait.toSeconds() + " s";
            log.warn("Could not connect to Slack in Socket Mode: {}. Check ticolops.slack.app-token (xapp-..., connections:write)", failure, e);
            connecting.schedule(() -> connect(attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    static Duration waitAfter(int attempt) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
    }

    @Override
    public void stop() {
        ScheduledExecutorService retries = connecting;
        connecting = null;
        if (retries != null) {
            retries.shutdownNow();
        }
        SocketModeApp running = socketMode;
        socketMode = null;
        stopQuietly(running);
    }

    private static void stopQuietly(SocketModeApp app) {
        if (app != null) {
            try {
                app.stop();
            } catch (Exception e) {
                log.warn("Slack Socket Mode did not stop cleanly", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return connecting != null;
    }

    boolean connected() {
        SocketModeApp running = socketMode;
        return running != null && !running.isClientStopped() && running.getClient().verifyConnection();
    }

    /** For the health check, when not {@link #connected()}. */
    String whyNotConnected() {
        String why = failure;
        return why != null ? "not connected: " + why : "not connected: the connection dropped and Bolt is reconnecting";
    }
}
