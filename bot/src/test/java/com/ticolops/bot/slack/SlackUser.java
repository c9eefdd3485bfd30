package com.ticolops.bot.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A Slack user as Ticolops sees one: Slack's requests to {@code /slack/events}, signed exactly as Slack signs them. */
public final class SlackUser {

    public static final String SIGNING_SECRET = "slack-test-signing-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final String userId;
    final String userName;
    /** Read when a request is sent: tests create users before Spring has told them the port. */
    private final java.util.function.IntSupplier port;

    public SlackUser(java.util.function.IntSupplier port, String userId, String userName) {
        this.port = port;
        this.userId = userId;
        this.userName = userName;
    }

    public record Response(int status, String body) {

        public JsonNode json() {
            return body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }
    }

    /** The form Slack posts for a slash command, e.g. {@code /ticolops} with {@code project create shop}. */
    Map<String, String> slashCommand(String command, String text, String channelId, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "deprecated-verification-token");
        form.put("team_id", FakeSlack.TEAM_ID);
        form.put("team_domain", "ticolops-test");
        form.put("channel_id", channelId);
        form.put("channel_name", "dev");
        form.put("user_id", userId);
        form.put("user_name", userName);
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", "A0TICOLOPS");
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl);
        form.put("trigger_id", UUID.randomUUID().toString());
        return form;
    }

    /** Types {@code command text} in {@code channelId}; the answer is Slack's view of our ack. */
    Response types(String command, String text, String channelId, String responseUrl) {
        return send(encode(slashCommand(command, text, channelId, responseUrl)), 0, Map.of());
    }

    public Response types(String text, String channelId) {
        return types("/ticolops", text, channelId, FakeSlack.newResponseUrl());
    }

    /** Clicks a button of one of our messages in {@code channelId}. */
    Response clicks(String actionId, String value, String channelId, String responseUrl) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", userId, "username", userName, "name", userName, "team_id", FakeSlack.TEAM_ID));
        payload.put("api_app_id", "A0TICOLOPS");
        payload.put("token", "deprecated-verification-token");
        payload.put("container", Map.of("type", "message", "message_ts", "1700000000.000100", "channel_id", channelId, "is_ephemeral", true));
        payload.put("trigger_id", UUID.randomUUID().toString());
        payload.put("team", Map.of("id", FakeSlack.TEAM_ID, "domain", "ticolops-test"));
        payload.put("channel", Map.of("id", channelId, "name", "dev"));
        payload.put("response_url", responseUrl);
        payload.put("actions", java.util.List.of(Map.of("action_id", actionId, "block_id", "b1", "type", "button", "value", value,
                "text", Map.of("type", "plain_text", "text", "button", "emoji", true), "action_ts", "1700000001.000200")));
        return send("payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8), 0, Map.of());
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Sends a body signed with a timestamp {@code clockSkewSeconds} away from now. */
    Response send(String body, long clockSkewSeconds, Map<String, String> headers) {
        String timestamp = Long.toString(Instant.now().getEpochSecond() + clockSkewSeconds);
        return sendSigned(body, timestamp, signature(timestamp, body), headers);
    }

    Response sendSigned(String body, String timestamp, String signature, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port.getAsInt() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code v0=} + hex HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the signing secret. */
    static String signature(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
