package com.ticolops.bot.slack;

import com.ticolops.bot.testsupport.Names;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Ticolops with Slack configured against {@link FakeSlack}; every Slack test class shares this one context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SlackTestBase {

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        registry.add("ticolops.slack.bot-token", () -> "xoxb-test-bot-token");
        registry.add("ticolops.slack.signing-secret", () -> SlackUser.SIGNING_SECRET);
        registry.add("ticolops.slack.api-url", FakeSlack::apiUrl);
        // Replies are read from the ack; a test JVM warming up can be slower than the 200 ms a server waits.
        registry.add("ticolops.slack.ack-wait", () -> "2500ms");
        registry.add("management.endpoint.health.show-components", () -> "always");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    SlackUser newUser(String name) {
        String unique = Names.unique(name);
        return new SlackUser(() -> port, slackId("U", unique), unique);
    }

    static String newChannel() {
        return slackId("C", Names.unique("chan"));
    }

    private static String slackId(String prefix, String unique) {
        return prefix + unique.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    int projectsNamed(String name) {
        return jdbc.sql("select count(*) from projects where name = ?").param(name).query(Integer.class).single();
    }

    String projectOfSlackChannel(String channel) {
        return jdbc.sql("select p.name from channels c join projects p on p.id = c.project_id where c.platform = 'slack' and c.external_id = ?")
                .param(channel).query(String.class).optional().orElse(null);
    }
}
