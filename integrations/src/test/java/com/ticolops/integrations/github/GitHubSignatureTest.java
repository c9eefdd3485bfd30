package com.ticolops.integrations.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GitHubSignatureTest {

    /** GitHub's documented example: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries */
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void GIVEN_githubs_documented_secret_and_payload_WHEN_signed_THEN_the_signature_is_githubs_documented_header() {
        assertThat(GitHubSignature.sign(SECRET, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void GIVEN_githubs_documented_signature_WHEN_checked_against_its_body_and_secret_THEN_it_matches() {
        assertThat(GitHubSignature.matches(SECRET, BODY, SIGNATURE)).isTrue();
    }

    @Test
    void GIVEN_the_signature_of_another_body_WHEN_checked_THEN_it_does_not_match() {
        byte[] tampered = "Hello, World?".getBytes(StandardCharsets.UTF_8);

        assertThat(GitHubSignature.matches(SECRET, tampered, SIGNATURE)).isFalse();
    }

    @Test
    void GIVEN_a_signature_made_with_another_secret_WHEN_checked_THEN_it_does_not_match() {
        assertThat(GitHubSignature.matches("It's a Secret to Nobody", BODY, SIGNATURE)).isFalse();
    }

    @Test
    void GIVEN_a_truncated_signature_WHEN_checked_THEN_it_does_not_match() {
        String truncated = SIGNATURE.substring(0, SIGNATURE.length() - 1);

        assertThat(GitHubSignature.matches(SECRET, BODY, truncated)).isFalse();
        assertThat(GitHubSignature.matches(SECRET, BODY, "sha256=")).isFalse();
        assertThat(GitHubSignature.matches(SECRET, BODY, "")).isFalse();
    }

    @Test
    void GIVEN_a_legacy_sha1_header_WHEN_checked_THEN_it_does_not_match() {
        // the legacy X-Hub-Signature value: HMAC-SHA1 of the same body with the same secret
        String sha1 = "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59";
        String sha1WithTheSha256Digest = SIGNATURE.replace("sha256=", "sha1=");

        assertThat(GitHubSignature.matches(SECRET, BODY, sha1)).isFalse();
        assertThat(GitHubSignature.matches(SECRET, BODY, sha1WithTheSha256Digest)).isFalse();
    }

    @Test
    void GIVEN_the_right_digest_without_the_sha256_prefix_WHEN_checked_THEN_it_does_not_match() {
        assertThat(GitHubSignature.matches(SECRET, BODY, SIGNATURE.substring("sha256=".length()))).isFalse();
    }

    @Test
    void GIVEN_the_right_digest_in_uppercase_hex_WHEN_checked_THEN_it_does_not_match_because_github_sends_lowercase() {
        assertThat(GitHubSignature.matches(SECRET, BODY, "sha256=" + SIGNATURE.substring(7).toUpperCase())).isFalse();
        assertThat(GitHubSignature.matches(SECRET, BODY, SIGNATURE.toUpperCase())).isFalse();
    }

    @Test
    void GIVEN_the_right_signature_with_surrounding_whitespace_WHEN_checked_THEN_it_does_not_match() {
        assertThat(GitHubSignature.matches(SECRET, BODY, "  " + SIGNATURE + "\t")).isFalse();
        assertThat(GitHubSignature.matches(SECRET, BODY, SIGNATURE + " ")).isFalse();
    }
}
