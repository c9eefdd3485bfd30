package com.ticolops.integrations.git;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What GitHub's and GitLab's webhook endpoints share: bounded body reading, secret lookup and clear JSON errors. */
public final class WebhookResponses {

    /**
     * Refuses duplicate keys: the fields read here pick the secret the signature is checked with, and the typed parse
     * that follows must not see a different repository than the one whose secret was used.
     */
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private WebhookResponses() {
    }

    /**
     * A delivery's body, or the response that refuses it.
     *
     * @param bytes   the raw body, as signed
     * @param payload its JSON text: the body itself, or the {@code payload} field of a form-encoded delivery
     * @param fields  the scalar values found at the dotted paths asked for ({@code repository.full_name}), as text
     */
    public record Body(byte[] bytes, String payload, Map<String, String> fields, ResponseEntity<Map<String, Object>> refusal) {

        public boolean refused() {
            return refusal != null;
        }

        /** The value at {@code path}, or null when the body has none there (or a non-scalar, or JSON null). */
        public String field(String path) {
            return fields.get(path);
        }
    }

    /**
     * Reads the body within {@code limit} bytes and checks it is one JSON object, keeping the values at {@code paths}:
     * 413 when too large, 400 unless it is a JSON object. The body is only tokenised, not built into a tree: the
     * provider's typed parse that follows is the one parse into objects, and the few fields needed before it (whose
     * secret checks the signature) are picked up on the way. A
     * GitHub hook may be set to the form content type, which sends {@code payload=<url-encoded JSON>}; the raw bytes
     * stay in the body, since the signature covers them rather than the JSON. The input stream is read, never
     * {@code getParameter()}, which would consume the raw form.
     */
    public static Body readJsonObject(HttpServletRequest request, long limit, List<String> paths) throws IOException {
        if (request.getContentLengthLong() > limit) {
            return refused(tooLarge(limit));
        }
        byte[] bytes = readAtMost(request.getInputStream(), limit);
        if (bytes == null) {
            return refused(tooLarge(limit));
        }
        String payload = new String(bytes, StandardCharsets.UTF_8);
        if (isForm(request.getContentType())) {
            Optional<String> field = formField(payload, "payload");
            if (field.isEmpty()) {
                return refused(error(HttpStatus.BAD_REQUEST, "a form-encoded delivery carries its JSON in a payload field, and this one has none"));
            }
            payload = field.get();
        }
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return refused(error(HttpStatus.BAD_REQUEST, "the body must be a JSON object (set the webhook's content type to application/json)"));
            }
            collect(parser, "", paths, fields);
        } catch (JacksonException e) {
            return refused(error(HttpStatus.BAD_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage()));
        }
        return new Body(bytes, payload, Map.copyOf(fields), null);
    }

    /** Reads the object the parser has just entered to its end, keeping the scalars at {@code paths}. */
    private static void collect(JsonParser parser, String prefix, List<String> paths, Map<String, String> fields) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String path = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT && paths.stream().anyMatch(wanted -> wanted.startsWith(path + "."))) {
                collect(parser, path + ".", paths, fields);
            } else if (value.isScalarValue() && value != JsonToken.VALUE_NULL && paths.contains(path)) {
                fields.put(path, parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }

    private static Body refused(ResponseEntity<Map<String, Object>> response) {
        return new Body(null, null, null, response);
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The first value of {@code name} in an {@code application/x-www-form-urlencoded} body. */
    private static Optional<String> formField(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** What checking a delivery's signature found. */
    public enum Verification {
        /** Neither the repository nor the provider's configuration has a secret to check it with. */
        NO_SECRET,
        MISMATCH,
        VERIFIED
    }

    /**
     * Checks a delivery against the connected repository's secrets (its current one, and the one it was rotated away
     * from while that is still accepted), else against the organisation- or group-wide one configured for the
     * provider. A mismatch reads the repository's secrets afresh once before it counts, so a rotation made on another
     * replica a moment ago is not refused here; only a bad delivery pays that read.
     */
    public static Verification verify(WebhookSecrets secrets, GitProvider provider, String repository, String configured,
                                      Predicate<String> signedWith) {
        List<String> known = repository == null ? List.of() : secrets.secretsFor(provider, repository);
        if (known.isEmpty()) {
            return configured == null || configured.isBlank() ? Verification.NO_SECRET
                    : signedWith.test(configured) ? Verification.VERIFIED : Verification.MISMATCH;
        }
        if (known.stream().anyMatch(signedWith)) {
            return Verification.VERIFIED;
        }
        return secrets.currentSecretsFor(provider, repository).stream().anyMatch(signedWith) ? Verification.VERIFIED : Verification.MISMATCH;
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
