package com.ticolops.integrations.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request claims to come from Slack before Bolt sees it. Bolt verifies signatures too, but accepts
 * timestamps from the future and compares with {@code String.equals}; here the timestamp must be within five minutes
 * either way (a replay window Slack documents) and the signature is compared in constant time.
 */
final class SlackRequestGuard {

    static final long MAX_SKEW_SECONDS = 300;
    private static final String VERSION = "v0";

    private final String signingSecret;
    private final Clock clock;

    SlackRequestGuard(String signingSecret, Clock clock) {
        this.signingSecret = signingSecret;
        this.clock = clock;
    }

    /** @return why the request is refused, or empty when it is signed by Slack and fresh */
    Optional<String> problem(String timestamp, String signature, byte[] body) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return Optional.of("missing X-Slack-Request-Timestamp or X-Slack-Signature header: requests must come from Slack");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.of("X-Slack-Request-Timestamp is not a number of seconds");
        }
        long skew = clock.instant().getEpochSecond() - seconds;
        if (Math.abs(skew) > MAX_SKEW_SECONDS) {
            return Optional.of("X-Slack-Request-Timestamp is more than " + MAX_SKEW_SECONDS + " s " + (skew > 0 ? "old" : "in the future")
                    + ": a replayed request, or this server's clock is wrong");
        }
        byte[] expected = sign(signingSecret, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature.trim().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.of("X-Slack-Signature does not match the body: check ticolops.slack.signing-secret");
        }
        return Optional.empty();
    }

    /** Slack's v0 signature: {@code v0=} + hex HMAC-SHA256 of {@code v0:<timestamp>:<body>}. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
