package com.ticolops.integrations.git;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What GitHub's and GitLab's webhook endpoints share: bounded body reading, secret lookup and clear JSON errors. */
public final class WebhookResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookResponses() {
    }

    /** A delivery's body and its JSON, or the response that refuses it. */
    public record Body(byte[] bytes, JsonNode json, ResponseEntity<Map<String, Object>> refusal) {

        public boolean refused() {
            return refusal != null;
        }
    }

    /** Reads the body within {@code limit} bytes and parses it: 413 when too large, 400 unless it is a JSON object. */
    public static Body readJsonObject(HttpServletRequest request, long limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            return new Body(null, null, tooLarge(limit));
        }
        byte[] bytes = readAtMost(request.getInputStream(), limit);
        if (bytes == null) {
            return new Body(null, null, tooLarge(limit));
        }
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (JacksonException e) {
            return new Body(null, null, error(HttpStatus.BAD_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage()));
        }
        if (json == null || !json.isObject()) {
            return new Body(null, null, error(HttpStatus.BAD_REQUEST, "the body must be a JSON object (set the webhook's content type to application/json)"));
        }
        return new Body(bytes, json, null);
    }

    /** The connected repository's secret, else the organisation- or group-wide one configured for the provider. */
    public static Optional<String> secret(WebhookSecrets secrets, GitProvider provider, String repository, String configured) {
        return Optional.ofNullable(repository).flatMap(name -> secrets.secretFor(provider, name))
                .or(() -> Optional.ofNullable(configured).filter(s -> !s.isBlank()));
    }

    /** @return the body, or null when it is longer than {@code limit} (chunked bodies carry no length up front) */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return body.length > limit ? null : body;
    }

    private static ResponseEntity<Map<String, Object>> tooLarge(long limit) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + limit / (1024 * 1024) + " MB");
    }

    public static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }

    public static ResponseEntity<Map<String, Object>> duplicate(String deliveryId) {
        return ResponseEntity.ok(Map.of("status", "duplicate", "delivery", deliveryId));
    }

    /** 202: stored, and its meaning (if any) published for the listeners. */
    public static ResponseEntity<Map<String, Object>> accepted(String deliveryId, String event, boolean understood) {
        return ResponseEntity.accepted().body(Map.of("status", understood ? "accepted" : "stored", "delivery", deliveryId, "event", event));
    }
}
