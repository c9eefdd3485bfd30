package com.ticolops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Ticolops;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SlackSetupTest extends SlackTestBase {

    @Test
    void theManifestOffersTicolopsAndAnAliasPerCommandGroupPointingAtThisServer() {
        JsonNode manifest = new Ticolops(port).get("/slack/manifest").body();

        List<String> commands = new ArrayList<>();
        manifest.path("features").path("slash_commands").forEach(c -> commands.add(c.path("command").asString()));
        assertThat(commands).startsWith("/ticolops").contains("/project", "/member", "/repo", "/link").doesNotContain("/help");
        JsonNode first = manifest.path("features").path("slash_commands").get(0);
        assertThat(first.path("url").asString()).isEqualTo("http://localhost:" + port + "/slack/events");
        assertThat(first.path("should_escape").asBoolean()).isTrue();
        assertThat(manifest.path("settings").path("interactivity").path("request_url").asString())
                .isEqualTo("http://localhost:" + port + "/slack/events");
        assertThat(manifest.path("settings").path("socket_mode_enabled").asBoolean()).isFalse();
    }

    @Test
    void readinessReportsSlackFromAuthTest() {
        JsonNode readiness = new Ticolops(port).get("/actuator/health/readiness").body();

        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("slack").path("status").asString()).isEqualTo("UP");
    }
}
