package com.ticolops.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleApiErrorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    /** The first five Tomcat itself refuses before Spring sees them; the rest reach the controller's own check. */
    @ParameterizedTest
    @ValueSource(strings = {"a%2Fb", "a%5Cb", "a%00b", "%zz", "<script>", "a%20b", "-bad", "%3Cscript%3E"})
    void aBadChannelNameAnswersAJsonErrorNotAnHtmlPage(String channel) {
        ConsoleCalls.RawResponse response = new ConsoleCalls(port).rawGet("/api/v1/console/channels/" + channel + "/messages");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(JSON.readTree(response.body()).path("error").asString()).isNotBlank().doesNotContain("<html");
    }
}
