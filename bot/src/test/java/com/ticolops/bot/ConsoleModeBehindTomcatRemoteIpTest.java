package com.ticolops.bot;

import static com.ticolops.bot.ConsoleCalls.error;
import static com.ticolops.bot.ConsoleCalls.remoteAddress;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With {@code server.forward-headers-strategy=native} Tomcat's RemoteIpValve rewrites the peer address from
 * {@code X-Forwarded-For} before any filter runs; told to trust every proxy, it believes a stranger's header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=.*"})
class ConsoleModeBehindTomcatRemoteIpTest {

    @LocalServerPort
    int port;

    @Test
    void aRemoteCallerClaimingToBeLocalIsStillRefused() {
        ConsoleCalls calls = new ConsoleCalls(port);

        HttpResponse<String> response = calls.command(remoteAddress(), Map.of("X-Forwarded-For", "127.0.0.1"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response)).contains("only callers on this machine", "ticolops.console.mode");
        assertThat(calls.command("localhost", Map.of()).statusCode()).isEqualTo(200);
    }
}
