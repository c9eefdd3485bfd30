package com.ticolops.bot.slack;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's Socket Mode endpoint: greets the client with {@code hello}, pushes envelopes to it, and keeps what it sends
 * back (acks carry the envelope id and, for slash commands, the reply).
 */
final class FakeSlackSocket extends WebSocketServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CountDownLatch started = new CountDownLatch(1);
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private volatile WebSocket client;
    private final List<WebSocket> connections = new CopyOnWriteArrayList<>();

    FakeSlackSocket() {
        super(new InetSocketAddress("localhost", 0));
        setReuseAddr(true);
        setDaemon(true);
    }

    FakeSlackSocket startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake Slack socket did not start");
        }
        return this;
    }

    String url() {
        return "ws://localhost:" + getPort() + "/link/?ticket=test";
    }

    boolean connected() {
        return client != null && client.isOpen();
    }

    void push(String envelope) {
        client.send(envelope);
    }

    /** How many clients are connected: one per replica, as Slack lets each replica of an app connect. */
    long openConnections() {
        return connections.stream().filter(WebSocket::isOpen).count();
    }

    /** The same envelope on every connection: what a replica sees when Slack retries on another connection. */
    void pushToEveryConnection(String envelope) {
        connections.stream().filter(WebSocket::isOpen).forEach(connection -> connection.send(envelope));
    }

    /** A {@code slash_commands} envelope for {@code /ticolops <text>}, as Slack pushes one, with a fresh trigger id. */
    static String slashCommand(String envelopeId, String userId, String channel, String text) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("token", "deprecated-verification-token");
        payload.put("team_id", FakeSlack.TEAM_ID);
        payload.put("team_domain", "ticolops-test");
        payload.put("channel_id", channel);
        payload.put("channel_name", "dev");
        payload.put("user_id", userId);
        payload.put("user_name", "alice");
        payload.put("command", "/ticolops");
        payload.put("text", text);
        payload.put("api_app_id", "A0TICOLOPS");
        payload.put("is_enterprise_install", "false");
        payload.put("response_url", FakeSlack.newResponseUrl());
        payload.put("trigger_id", UUID.randomUUID().toString());
        return JSON.writeValueAsString(Map.of("envelope_id", envelopeId, "type", "slash_commands", "accepts_response_payload", true, "payload", payload));
    }

    /** The next message the client sent, or null after the timeout. */
    JsonNode nextReceived(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        client = connection;
        connections.add(connection);
        connection.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},\"connection_info\":{\"app_id\":\"A0TICOLOPS\"}}");
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        received.add(JSON.readTree(message));
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket connection, Exception e) {
    }
}
