package com.ticolops.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's side of the wire, on WireMock: the Web API ({@code auth.test}, {@code chat.postMessage}, {@code chat.update}) and the
 * {@code response_url}s Slack hands out. One server per test JVM, so every Slack test shares one Spring context.
 */
public final class FakeSlack {

    static final String TEAM_ID = "T0TICOLOPS";
    static final WireMockServer SERVER = start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeSlack() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(okJson("""
                {"ok": true, "url": "https://ticolops-test.slack.com/", "team": "Ticolops Test", "user": "ticolops",
                 "team_id": "%s", "user_id": "U0BOT", "bot_id": "B0BOT", "is_enterprise_install": false}""".formatted(TEAM_ID))));
        // Every message gets its own ts, as on Slack: updates and thread replies name the one they are about.
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(10)
                .willReturn(okJson("{\"ok\": true, \"channel\": \"C0\", \"ts\": \"1700000000.{{randomValue length=6 type='NUMERIC'}}\"}")
                        .withTransformers("response-template")));
        server.stubFor(post(urlPathEqualTo("/api/chat.update")).atPriority(10)
                .willReturn(okJson("{\"ok\": true, \"channel\": \"C0\", \"ts\": \"1700000000.000100\", \"text\": \"\"}")));
        server.stubFor(post(urlPathMatching("/response/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static String apiUrl() {
        return SERVER.baseUrl() + "/api/";
    }

    static String newResponseUrl() {
        return SERVER.baseUrl() + "/response/" + java.util.UUID.randomUUID();
    }

    /** What was posted to a {@code response_url}, oldest first, as Slack would read it. */
    static List<JsonNode> responses(String responseUrl) {
        String path = responseUrl.substring(SERVER.baseUrl().length());
        return SERVER.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> JSON.readTree(request.getBodyAsString())).toList();
    }

    /** The {@code chat.postMessage} calls for one channel, oldest first. */
    static List<LoggedRequest> postMessages(String channel) {
        return SERVER.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).stream()
                .filter(request -> channel.equals(form(request).get("channel")))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** The {@code chat.update} calls for one channel, oldest first. */
    static List<LoggedRequest> updates(String channel) {
        return SERVER.findAll(postRequestedFor(urlPathEqualTo("/api/chat.update"))).stream()
                .filter(request -> channel.equals(form(request).get("channel")))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** The ts Slack gave the message posted in {@code channel} whose text starts with {@code textStart}. */
    static String tsOf(String channel, String textStart) {
        return SERVER.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().startsWith("/api/chat.postMessage"))
                .filter(event -> channel.equals(form(event.getRequest()).get("channel"))
                        && form(event.getRequest()).getOrDefault("text", "").startsWith(textStart))
                .map(event -> JSON.readTree(event.getResponse().getBodyAsString()).path("ts").asString())
                .findFirst().orElseThrow(() -> new AssertionError("no message starting with " + textStart + " in " + channel));
    }

    /** A form-encoded Web API call's parameters. */
    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    static JsonNode blocks(LoggedRequest postMessage) {
        return JSON.readTree(form(postMessage).get("blocks"));
    }
}
