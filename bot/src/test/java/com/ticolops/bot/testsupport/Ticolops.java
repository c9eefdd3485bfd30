package com.ticolops.bot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives a running Ticolops over HTTP, as a user of the console and as GitHub would. */
public final class Ticolops {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public Ticolops(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public record Response(int status, JsonNode body) {

        public String text() {
            return body.path("text").asString();
        }

        /** Every piece of text in a reply: its text, section titles and bodies, field names and values. */
        public String all() {
            return body.toString();
        }

        public String field(String name) {
            for (JsonNode field : body.path("fields")) {
                if (field.path("name").asString().equals(name)) {
                    return field.path("value").asString();
                }
            }
            throw new AssertionError("no field " + name + " in " + body);
        }
    }

    /** Runs a console command as {@code user} in {@code channel}. */
    public Response command(String user, String channel, String text) {
        return post("/api/v1/console/commands", JSON.writeValueAsString(Map.of("user", user, "channel", channel, "text", text)), Map.of());
    }

    /** The texts of a console channel's messages (replies included, each once), in the order of their last change. */
    public List<String> channelTexts(String channel) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : channelMessages(channel, 0)) {
            texts.add(message.path("message").path("text").asString());
        }
        return texts;
    }

    /** A console channel's messages posted or edited after change {@code afterSeq}, as the console page polls them. */
    public List<JsonNode> channelMessages(String channel, long afterSeq) {
        List<JsonNode> messages = new ArrayList<>();
        get("/api/v1/console/channels/" + channel + "/messages?after=" + afterSeq).body().forEach(messages::add);
        return messages;
    }

    /** How many announcements changed a console channel: each message once, plus once for each time it was edited. */
    public int channelChanges(String channel) {
        return channelMessages(channel, 0).stream().mapToInt(message -> 1 + message.path("edits").asInt()).sum();
    }

    /** Connects a GitHub repository from the console and returns the webhook secret the reply showed. */
    public String connectGitHub(String user, String channel, String repository) {
        Response reply = command(user, channel, "/ticolops repo connect github " + repository);
        if (reply.status() != 200 || !reply.text().startsWith("Connected")) {
            throw new AssertionError("repo connect failed: " + reply);
        }
        return reply.field("Secret");
    }

    /** Connects a GitLab project from the console and returns the secret token the reply showed. */
    public String connectGitLab(String user, String channel, String repository) {
        Response reply = command(user, channel, "/ticolops repo connect gitlab " + repository);
        if (reply.status() != 200 || !reply.text().startsWith("Connected")) {
            throw new AssertionError("repo connect failed: " + reply);
        }
        return reply.field("Secret token");
    }

    /** Sends a delivery as GitLab sends it: the secret token as is, the delivery named by Idempotency-Key. */
    public Response gitLabDelivery(String event, String deliveryId, byte[] body, String token) {
        var headers = new java.util.HashMap<String, String>();
        if (token != null) {
            headers.put("X-Gitlab-Token", token);
        }
        headers.put("X-Gitlab-Event", event);
        headers.put("Idempotency-Key", deliveryId);
        headers.put("X-Gitlab-Event-UUID", UUID.randomUUID().toString());
        headers.put("User-Agent", "GitLab/17.6.0");
        headers.put("Content-Type", "application/json");
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/gitlab")).POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    /** Sends a delivery signed exactly as GitHub signs it. */
    public Response gitHubDelivery(String event, String deliveryId, byte[] body, String secret) {
        return gitHubDelivery(event, deliveryId, body, Map.of("X-Hub-Signature-256", signature(secret, body)));
    }

    public Response gitHubDelivery(String event, String deliveryId, byte[] body, Map<String, String> extraHeaders) {
        return gitHubDelivery(event, deliveryId, HttpRequest.BodyPublishers.ofByteArray(body), extraHeaders);
    }

    /** Sends the body chunked, with no Content-Length up front. */
    public Response gitHubDeliveryChunked(String event, String deliveryId, byte[] body, String secret) {
        return gitHubDelivery(event, deliveryId, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)),
                Map.of("X-Hub-Signature-256", signature(secret, body)));
    }

    private Response gitHubDelivery(String event, String deliveryId, HttpRequest.BodyPublisher body, Map<String, String> extraHeaders) {
        var headers = new java.util.HashMap<>(extraHeaders);
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", deliveryId);
        headers.put("User-Agent", "GitHub-Hookshot/test");
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/github")).POST(body), headers);
    }

    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return get(path, Map.of());
    }

    public Response get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), headers);
    }

    /** Readiness's status code, or -1 while nothing answers on the port (a process still starting). */
    public int readiness() {
        try {
            return get("/actuator/health/readiness").status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    /** The headers of a REST API call with a personal token. */
    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    public Response post(String path, String json, Map<String, String> headers) {
        var all = new java.util.HashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(json)), all);
    }

    private Response send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
