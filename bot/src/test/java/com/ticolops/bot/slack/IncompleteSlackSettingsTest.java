package com.ticolops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ticolops.bot.TicolopsApplication;
import com.ticolops.db.test.SharedTestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A Slack secret left out of a deployment (a Secret without one of its keys, say) stops the start with a report that
 * names the missing setting, rather than leaving Slack off without a word.
 */
@ExtendWith(OutputCaptureExtension.class)
class IncompleteSlackSettingsTest {

    @TempDir
    Path home;

    @Test
    void aBotTokenWithoutASigningSecretOrAppTokenStopsTheStartNamingBoth(CapturedOutput output) {
        Throwable refused = catchThrowable(() -> start(Map.of("ticolops.slack.bot-token", "xoxb-only-the-bot-token")));

        assertThat(refused).isNotNull();
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("TICOLOPS_SLACK_BOT_TOKEN (ticolops.slack.bot-token) is set, but neither TICOLOPS_SLACK_SIGNING_SECRET")
                .contains("nor TICOLOPS_SLACK_APP_TOKEN (Socket Mode) is")
                .doesNotContain("xoxb-only-the-bot-token");
    }

    @Test
    void aSigningSecretWithoutABotTokenStopsTheStartNamingTheBotToken(CapturedOutput output) {
        Throwable refused = catchThrowable(() -> start(Map.of("ticolops.slack.signing-secret", "8f742231b10e8888abcd99yyyzzz85a5")));

        assertThat(refused).isNotNull();
        assertThat(output.getOut() + output.getErr())
                .contains("TICOLOPS_SLACK_BOT_TOKEN (ticolops.slack.bot-token) is missing: Slack needs it beside TICOLOPS_SLACK_SIGNING_SECRET")
                .doesNotContain("8f742231b10e8888abcd99yyyzzz85a5");
    }

    private void start(Map<String, Object> slack) {
        Map<String, Object> properties = new HashMap<>(slack);
        properties.putAll(Map.of("spring.datasource.url", SharedTestDatabase.jdbcUrl(), "spring.datasource.username", SharedTestDatabase.username(),
                "ticolops.home", home.toString()));
        // On the command line: a default property would lose to application.yml's 8080.
        new SpringApplicationBuilder(TicolopsApplication.class).properties(properties).run("--server.port=0").close();
    }
}
