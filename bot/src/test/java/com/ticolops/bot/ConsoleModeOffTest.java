package com.ticolops.bot;

import static com.ticolops.bot.ConsoleCalls.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ticolops.console.mode=off")
class ConsoleModeOffTest {

    @LocalServerPort
    int port;

    @Test
    void evenThisMachineIsRefusedWithAJsonErrorThatSaysHowToTurnTheConsoleOn() {
        ConsoleCalls calls = new ConsoleCalls(port);

        HttpResponse<String> command = calls.command("localhost", Map.of());

        assertThat(command.statusCode()).isEqualTo(403);
        assertThat(error(command)).contains("The console is off (ticolops.console.mode=off)", "TICOLOPS_CONSOLE_MODE");
        assertThat(calls.get("localhost", "/", Map.of()).statusCode()).isEqualTo(403);
        assertThat(calls.get("localhost", "/api/v1/console/channels/general/messages", Map.of()).statusCode()).isEqualTo(403);
        assertThat(calls.get("localhost", "/actuator/health", Map.of()).statusCode()).isEqualTo(200);
    }
}
