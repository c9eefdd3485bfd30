package com.ticolops.integrations.discord;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discord's gateway, as little of it as a bot needs: the WebSocket handshake and RFC 6455 frames (uncompressed JSON),
 * HELLO, IDENTIFY answered with READY, heartbeats acknowledged, and dispatches the test asks for. Hand-written because
 * it is this small and a WebSocket server library would be a bigger dependency than the code.
 */
public final class FakeDiscordGateway implements AutoCloseable {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ServerSocket server;
    private final JsonNode readyUser;
    private final String applicationId;
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Session session;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicInteger identified = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();

    FakeDiscordGateway(JsonNode readyUser, String applicationId) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.readyUser = readyUser;
        this.applicationId = applicationId;
        Thread acceptor = new Thread(this::accept, "fake-discord-gateway");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "ws://localhost:" + server.getLocalPort();
    }

    /** Waits until a client identified and got READY. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no client identified with the fake Discord gateway within " + timeout);
        }
    }

    /** How many sessions identified since the gateway started. */
    public int identifications() {
        return identified.get();
    }

    /** How many identified sessions are connected now. */
    public int openSessions() {
        return open.get();
    }

    /** Sends a dispatch (op 0) of type {@code type} to the connected client. */
    public void dispatch(String type, JsonNode data) {
        Session current = session;
        if (current == null) {
            throw new IllegalStateException("no client is connected to the fake Discord gateway");
        }
        ObjectNode event = JSON.createObjectNode().put("op", 0).put("t", type).put("s", sequence.incrementAndGet());
        event.set("d", data);
        current.send(event);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread thread = new Thread(() -> serve(socket), "fake-discord-session");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            handshake(in, out);
            Session current = new Session(out);
            try {
                converse(current, in);
            } finally {
                if (current.identified) {
                    open.decrementAndGet();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away; a reconnecting client opens a new session
        }
    }

    private void converse(Session current, InputStream in) throws IOException {
        current.send(JSON.createObjectNode().put("op", 10).set("d", JSON.createObjectNode().put("heartbeat_interval", 41_250)));
        DataInputStream frames = new DataInputStream(in);
        while (true) {
            int first = frames.readUnsignedByte();
            int opcode = first & 0x0F;
            byte[] payload = payload(frames);
            if (opcode == 0x8) {
                current.frame(0x8, payload);
                return;
            }
            if (opcode == 0x9) {
                current.frame(0xA, payload);
            } else if (opcode == 0x1) {
                onMessage(current, JSON.readTree(new String(payload, StandardCharsets.UTF_8)));
            }
        }
    }

    private void onMessage(Session current, JsonNode message) {
        switch (message.path("op").asInt()) {
            case 1 -> current.send(JSON.createObjectNode().put("op", 11));
            case 2 -> {
                ObjectNode data = JSON.createObjectNode().put("v", 10).put("session_id", "fake-session").put("resume_gateway_url", url());
                data.set("user", readyUser);
                data.putArray("guilds");
                data.putArray("private_channels");
                data.putObject("application").put("id", applicationId).put("flags", 0);
                session = current;
                if (!current.identified) {
                    current.identified = true;
                    open.incrementAndGet();
                }
                identified.incrementAndGet();
                ObjectNode event = JSON.createObjectNode().put("op", 0).put("t", "READY").put("s", sequence.incrementAndGet());
                event.set("d", data);
                current.send(event);
                ready.countDown();
            }
            default -> {
                // presence updates and the like: nothing to answer
            }
        }
    }

    private static void handshake(InputStream in, OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed during the handshake");
            }
            head.append((char) next);
        }
        String key = head.toString().lines().filter(line -> line.toLowerCase().startsWith("sec-websocket-key:"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst()
                .orElseThrow(() -> new IOException("no Sec-WebSocket-Key"));
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A client frame's payload: clients always mask. Fragmented messages are not used by JDA for its small frames. */
    private static byte[] payload(DataInputStream in) throws IOException {
        int second = in.readUnsignedByte();
        boolean masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] mask = new byte[4];
        if (masked) {
            in.readFully(mask);
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return payload;
    }

    private static final class Session {

        private final OutputStream out;
        private volatile boolean identified;

        Session(OutputStream out) {
            this.out = out;
        }

        void send(JsonNode message) {
            try {
                frame(0x1, JSON.writeValueAsBytes(message));
            } catch (IOException e) {
                throw new IllegalStateException("could not write to the gateway client", e);
            }
        }

        /** A server frame: final, unmasked. */
        synchronized void frame(int opcode, byte[] payload) throws IOException {
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length <= 0xFFFF) {
                out.write(126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xFF);
            } else {
                out.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) payload.length >>> shift) & 0xFF);
                }
            }
            out.write(payload);
            out.flush();
        }
    }
}
