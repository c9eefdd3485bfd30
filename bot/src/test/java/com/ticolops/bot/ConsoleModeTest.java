package com.ticolops.bot;

import static com.ticolops.bot.ConsoleCalls.error;
import static com.ticolops.bot.ConsoleCalls.remoteAddress;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The default console mode, {@code local}, over real HTTP from this machine and from its non-loopback address. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleModeTest {

    @LocalServerPort
    int port;

    ConsoleCalls calls;

    @BeforeEach
    void calls() {
        calls = new ConsoleCalls(port);
    }

    @Test
    void aCallerOnThisMachineUsesTheConsoleAndItsPage() {
        assertThat(calls.command("localhost", Map.of()).statusCode()).isEqualTo(200);
        assertThat(calls.get("localhost", "/", Map.of()).statusCode()).isEqualTo(200);
        assertThat(calls.get("127.0.0.1", "/api/v1/console/channels/general/messages", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRemoteCallerIsRefusedWithAJsonErrorThatNamesTheSetting() {
        String remote = remoteAddress();

        HttpResponse<String> response = calls.post(remote, "/api/v1/console/commands",
                "{\"user\":\"alice\",\"channel\":\"general\",\"text\":\"/ticolops project create stranger-shop\"}", Map.of());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(error(response)).contains("only callers on this machine", "came from " + remote, "ticolops.console.mode", "TICOLOPS_CONSOLE_MODE");
        assertThat(calls.post("localhost", "/api/v1/console/commands", "{\"user\":\"alice\",\"channel\":\"general\",\"text\":\"/ticolops project list\"}",
                Map.of()).body()).doesNotContain("stranger-shop");
    }

    @Test
    void theConsolePageAndItsFeedAreRefusedToARemoteCallerToo() {
        String remote = remoteAddress();

        for (String path : new String[] {"/", "/index.html", "/api/v1/console/channels/general/messages"}) {
            HttpResponse<String> response = calls.get(remote, path, Map.of());

            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(error(response)).as(path).contains("ticolops.console.mode");
        }
    }

    @Test
    void aRemoteCallerCannotPassByClaimingToBeLocalInForwardingHeaders() {
        String remote = remoteAddress();

        assertThat(calls.command(remote, Map.of("X-Forwarded-For", "127.0.0.1")).statusCode()).isEqualTo(403);
        assertThat(calls.command(remote, Map.of("Forwarded", "for=127.0.0.1")).statusCode()).isEqualTo(403);
        assertThat(calls.command(remote, Map.of("X-Real-IP", "127.0.0.1")).statusCode()).isEqualTo(403);
    }

    @Test
    void aLocalProxyRelayingARemoteClientIsRefusedAndOneRelayingALocalClientIsNot() {
        HttpResponse<String> relayed = calls.command("localhost", Map.of("X-Forwarded-For", "203.0.113.9"));

        assertThat(relayed.statusCode()).isEqualTo(403);
        assertThat(error(relayed)).contains("came from 203.0.113.9", "ticolops.console.mode");
        assertThat(calls.command("localhost", Map.of("X-Forwarded-For", "203.0.113.9, 127.0.0.1")).statusCode()).isEqualTo(403);
        assertThat(calls.command("localhost", Map.of("Forwarded", "for=\"[2001:db8::17]:4711\";proto=https")).statusCode()).isEqualTo(403);
        assertThat(calls.command("localhost", Map.of("X-Forwarded-For", "127.0.0.1")).statusCode()).isEqualTo(200);
    }

    @Test
    void webhooksTheSlackManifestAndHealthStayOpenToRemoteCallers() {
        String remote = remoteAddress();

        assertThat(calls.get(remote, "/slack/manifest", Map.of()).statusCode()).isEqualTo(200);
        assertThat(calls.get(remote, "/actuator/health", Map.of()).statusCode()).isEqualTo(200);
        // Refused for its missing signature, not for where it came from.
        assertThat(calls.post(remote, "/webhooks/github", "{}", Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "console-mode-1")).statusCode())
                .isEqualTo(401);
    }
}
