package com.ticolops.integrations.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Hub-Signature-256}: HMAC-SHA256 of the raw body with the webhook secret, as {@code sha256=<hex>}.
 * github-api parses payloads but does not verify signatures, hence these lines.
 */
final class GitHubSignature {

    private static final String PREFIX = "sha256=";

    private GitHubSignature() {
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The header exactly as GitHub sends it, {@code sha256=} and lower-case hex, compared in constant time so the response
     * time leaks nothing about how much of a forged signature was right.
     */
    static boolean matches(String secret, byte[] body, String signatureHeader) {
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.getBytes(StandardCharsets.US_ASCII));
    }
}
