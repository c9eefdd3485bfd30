package com.ticolops.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackRequestGuardTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final byte[] BODY = "token=x&team_id=T1&command=%2Fticolops&text=help".getBytes(StandardCharsets.UTF_8);

    SlackRequestGuard guard = new SlackRequestGuard(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aFreshRequestSignedWithTheSigningSecretPasses() {
        String timestamp = seconds(0);

        assertThat(guard.problem(timestamp, SlackRequestGuard.sign(SECRET, timestamp, BODY), BODY)).isEmpty();
    }

    @Test
    void theSignatureIsSlacksV0Scheme() {
        // GIVEN the example from Slack's "Verifying requests from Slack" page
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
                + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
                + "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

        // THEN our signature is the one Slack documents
        assertThat(SlackRequestGuard.sign(SECRET, "1531420618", body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void aTimestampMoreThanFiveMinutesOldIsAReplay() {
        String timestamp = seconds(-301);

        assertThat(guard.problem(timestamp, SlackRequestGuard.sign(SECRET, timestamp, BODY), BODY))
                .hasValueSatisfying(problem -> assertThat(problem).contains("more than 300 s old"));
    }

    @Test
    void aTimestampMoreThanFiveMinutesAheadIsRefusedToo() {
        String timestamp = seconds(301);

        assertThat(guard.problem(timestamp, SlackRequestGuard.sign(SECRET, timestamp, BODY), BODY))
                .hasValueSatisfying(problem -> assertThat(problem).contains("more than 300 s in the future"));
    }

    @Test
    void timestampsJustInsideTheWindowPass() {
        for (long offset : new long[] {-300, 300}) {
            String timestamp = seconds(offset);
            assertThat(guard.problem(timestamp, SlackRequestGuard.sign(SECRET, timestamp, BODY), BODY)).isEmpty();
        }
    }

    @Test
    void aTamperedBodyIsRefused() {
        String timestamp = seconds(0);
        String signature = SlackRequestGuard.sign(SECRET, timestamp, BODY);
        byte[] tampered = "token=x&team_id=T1&command=%2Fticolops&text=project+create+evil".getBytes(StandardCharsets.UTF_8);

        assertThat(guard.problem(timestamp, signature, tampered))
                .hasValue("X-Slack-Signature does not match the body: check ticolops.slack.signing-secret");
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        String timestamp = seconds(0);

        assertThat(guard.problem(timestamp, SlackRequestGuard.sign("another-secret", timestamp, BODY), BODY)).isPresent();
    }

    @Test
    void missingHeadersAndGarbledTimestampsAreRefused() {
        assertThat(guard.problem(null, "v0=00", BODY)).hasValueSatisfying(p -> assertThat(p).startsWith("missing X-Slack-Request-Timestamp"));
        assertThat(guard.problem(seconds(0), " ", BODY)).isPresent();
        assertThat(guard.problem("yesterday", "v0=00", BODY)).hasValue("X-Slack-Request-Timestamp is not a number of seconds");
    }

    private static String seconds(long offset) {
        return Long.toString(NOW.getEpochSecond() + offset);
    }
}
