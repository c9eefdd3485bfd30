package com.ticolops.bot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Payloads;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each troubleshooting rule, found in a failing job's log written the way the tool writes it (under src/test/resources). */
class TroubleshootingHintsTest {

    private final TroubleshootingHints hints = new TroubleshootingHints();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "out-of-memory, The build ran out of memory.",
            "missing-variable, A variable or secret the deployment needs is not set.",
            "failing-tests, 'Tests failed, so the deployment stopped.'",
            "dependency-resolution, Dependencies could not be resolved or installed.",
            "port-in-use, A port the application or a test service needs is already taken.",
            "timeout, A step took longer than it may.",
            "permission-denied, 'The job was not allowed to do something: a file, a registry, a cloud account or the repository itself.'"})
    void aLogOfACommonFailureGetsItsHint(String cause, String sentence) {
        List<String> log = Payloads.text(TroubleshootingHintsTest.class, "logs/" + cause + ".log").lines().toList();

        assertThat(hints.hintFor(log)).hasValueSatisfying(hint -> {
            assertThat(hint.id()).isEqualTo(cause);
            assertThat(hint.cause()).isEqualTo(sentence);
            assertThat(hint.advice()).isNotBlank();
        });
    }

    @Test
    void aLogOfAnUnusualFailureGetsNoHintRatherThanAWrongOne() {
        List<String> log = Payloads.text(TroubleshootingHintsTest.class, "logs/no-known-cause.log").lines().toList();

        assertThat(hints.hintFor(log)).isEmpty();
    }
}
