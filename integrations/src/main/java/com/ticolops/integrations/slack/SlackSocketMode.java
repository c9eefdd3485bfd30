package com.ticolops.integrations.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Socket Mode: Ticolops dials out to Slack over a WebSocket, for teams whose server has no public URL. Commands then
 * arrive through the same Bolt app as over HTTP. A failed connection is reported by the health check rather than
 * stopping the server, so the console and the other platforms keep working.
 */
class SlackSocketMode implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);

    private final String appToken;
    private final App app;
    private volatile SocketModeApp socketMode;

    SlackSocketMode(String appToken, App app) {
        this.appToken = appToken;
        this.app = app;
    }

    @Override
    public void start() {
        try {
            socketMode = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
            socketMode.startAsync();
        } catch (Exception e) {
            log.error("Could not connect to Slack in Socket Mode: check ticolops.slack.app-token (xapp-..., connections:write)", e);
        }
    }

    @Override
    public void stop() {
        SocketModeApp running = socketMode;
        socketMode = null;
        if (running != null) {
            try {
                running.stop();
            } catch (Exception e) {
                log.warn("Slack Socket Mode did not stop cleanly", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return socketMode != null;
    }

    boolean connected() {
        SocketModeApp running = socketMode;
        return running != null && !running.isClientStopped() && running.getClient().verifyConnection();
    }
}
