package com.ticolops.integrations.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.integrations.console.ConsoleAccess.Caller;
import com.ticolops.integrations.console.ConsoleProperties.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleAccessTest {

    @ParameterizedTest(name = "peer {0}, arrived at {1}, X-Forwarded-For [{2}], Forwarded [{3}] → allowed: {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # peer                  | local address           | X-Forwarded-For             | Forwarded                                 | allowed
            127.0.0.1               | 127.0.0.1               | -                           | -                                         | true
            0:0:0:0:0:0:0:1         | 0:0:0:0:0:0:0:1         | -                           | -                                         | true
            127.0.0.5               | 127.0.0.1               | -                           | -                                         | true
            192.0.2.2               | 192.0.2.2               | -                           | -                                         | false
            203.0.113.9             | 192.0.2.2               | -                           | -                                         | false
            203.0.113.9             | 192.0.2.2               | 127.0.0.1                   | -                                         | false
            203.0.113.9             | 192.0.2.2               | -                           | for=127.0.0.1                             | false
            127.0.0.1               | 192.0.2.2               | -                           | -                                         | false
            127.0.0.1               | 127.0.0.1               | 127.0.0.1                   | -                                         | true
            127.0.0.1               | 127.0.0.1               | ::1, 127.0.0.1:51234        | -                                         | true
            127.0.0.1               | 127.0.0.1               | 203.0.113.9                 | -                                         | false
            127.0.0.1               | 127.0.0.1               | 203.0.113.9, 127.0.0.1      | -                                         | false
            127.0.0.1               | 127.0.0.1               | 127.0.0.1, 203.0.113.9      | -                                         | false
            127.0.0.1               | 127.0.0.1               | unknown                     | -                                         | false
            127.0.0.1               | 127.0.0.1               | localhost                   | -                                         | false
            127.0.0.1               | 127.0.0.1               | -                           | for=127.0.0.1;proto=https                 | true
            127.0.0.1               | 127.0.0.1               | -                           | for="[::1]:4711"                          | true
            127.0.0.1               | 127.0.0.1               | -                           | for=203.0.113.9;proto=https               | false
            127.0.0.1               | 127.0.0.1               | -                           | for=127.0.0.1, for="[2001:db8:cafe::17]"  | false
            127.0.0.1               | 127.0.0.1               | -                           | proto=https;For=_hidden                   | false
            127.0.0.1               | 127.0.0.1               | -                           | for=unknown                               | false
            127.0.0.1               | 127.0.0.1               | 127.0.0.1                   | for=198.51.100.7                          | false
            """)
    void inLocalModeOnlyALoopbackConnectionWithEveryForwardedHopLoopbackIsAllowed(String peer, String local, String forwardedFor,
                                                                                  String forwarded, boolean allowed) {
        Caller caller = new Caller(peer, local, forwardedFor == null ? List.of() : List.of(forwardedFor),
                forwarded == null ? List.of() : List.of(forwarded));

        assertThat(ConsoleAccess.refusal(Mode.LOCAL, caller).isEmpty()).isEqualTo(allowed);
    }

    @Test
    void aHopInAnyOfSeveralForwardedForHeadersCounts() {
        Caller caller = new Caller("127.0.0.1", "127.0.0.1", List.of("127.0.0.1", "203.0.113.9"), List.of());

        assertThat(ConsoleAccess.refusal(Mode.LOCAL, caller)).hasValueSatisfying(error -> assertThat(error).contains("203.0.113.9"));
    }

    @Test
    void aRefusalInLocalModeSaysWhoCalledAndNamesTheSetting() {
        Caller remote = new Caller("192.0.2.2", "192.0.2.2", List.of(), List.of());

        assertThat(ConsoleAccess.refusal(Mode.LOCAL, remote)).hasValueSatisfying(error -> assertThat(error)
                .contains("only callers on this machine", "came from 192.0.2.2", "ticolops.console.mode", "TICOLOPS_CONSOLE_MODE"));
    }

    @Test
    void whenOffEvenThisMachineIsRefusedWithTheSettingNamed() {
        Caller local = new Caller("127.0.0.1", "127.0.0.1", List.of(), List.of());

        assertThat(ConsoleAccess.refusal(Mode.OFF, local)).hasValueSatisfying(error -> assertThat(error)
                .contains("The console is off (ticolops.console.mode=off)", "TICOLOPS_CONSOLE_MODE"));
    }

    @Test
    void signedInModeAnswersAsOffAndSaysSignInIsNotAvailableYet() {
        Caller local = new Caller("127.0.0.1", "127.0.0.1", List.of(), List.of());

        assertThat(ConsoleAccess.refusal(Mode.SIGNED_IN, local)).hasValueSatisfying(error -> assertThat(error)
                .contains("signed-in needs sign-in, which this version does not have yet", "TICOLOPS_CONSOLE_MODE"));
    }
}
