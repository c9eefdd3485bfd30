package com.ticolops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Ticolops;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    void theManifestNamesEveryCommandGroupAndOmitsTheUsageHintOfACommandWithoutOptions() {
        JsonNode manifest = new Ticolops(port).get("/slack/manifest").body();

        List<String> commands = new ArrayList<>();
        manifest.path("features").path("slash_commands").forEach(c -> commands.add(c.path("command").asString()));
        assertThat(commands).containsExactly("/ticolops", "/audit", "/autodeploy", "/conflicts", "/deploy", "/deployments", "/env", "/link", "/member",
                "/notify", "/project", "/repo", "/rollback", "/subscribe", "/subscriptions", "/token", "/tz", "/unsubscribe", "/working");
        manifest.path("features").path("slash_commands").forEach(command -> {
            if (command.has("usage_hint")) {
                assertThat(command.path("usage_hint").asString()).as(command.path("command").asString()).isNotBlank();
            }
        });
        JsonNode subscriptions = manifest.path("features").path("slash_commands").get(commands.indexOf("/subscriptions"));
        assertThat(subscriptions.has("usage_hint")).isFalse();
        assertThat(subscriptions.path("description").asString()).isNotBlank();
    }

    @Test
    void behindATlsTerminatingProxyTheManifestShowsThePublicHttpsUrls() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slack/manifest"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "ticolops.example.com").build(), HttpResponse.BodyHandlers.ofString());

        JsonNode manifest = JsonMapper.builder().build().readTree(response.body());
        manifest.path("features").path("slash_commands").forEach(command ->
                assertThat(command.path("url").asString()).isEqualTo("https://ticolops.example.com/slack/events"));
        assertThat(manifest.path("settings").path("interactivity").path("request_url").asString())
                .isEqualTo("https://ticolops.example.com/slack/events");
    }

    @Test
    void theRfc7239ForwardedHeaderWorksAsWell() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slack/manifest"))
                .header("Forwarded", "proto=https;host=bot.example.org").build(), HttpResponse.BodyHandlers.ofString());

        JsonNode manifest = JsonMapper.builder().build().readTree(response.body());
        assertThat(manifest.path("settings").path("interactivity").path("request_url").asString()).isEqualTo("https://bot.example.org/slack/events");
    }

    @Test
    void readinessReportsSlackFromAuthTest() {
        JsonNode readiness = new Ticolops(port).get("/actuator/health/readiness").body();

        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("slack").path("status").asString()).isEqualTo("UP");
    }
}
