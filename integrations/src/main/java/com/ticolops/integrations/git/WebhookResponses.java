package com.ticolops.integrations.git;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What GitHub's and GitLab's webhook endpoints share: bounded body reading and clear JSON errors. */
public final class WebhookResponses {

    private WebhookResponses() {
    }

    /** @return the body, or null when it is longer than {@code limit} (chunked bodies carry no length up front) */
    public static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return body.length > limit ? null : body;
    }

    public static ResponseEntity<Map<String, Object>> tooLarge(long limit) {
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
