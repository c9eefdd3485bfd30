package com.ticolops.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.ticolops.bot.TicolopsApplication;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.db.test.SharedTestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Socket Mode with two replicas: each connects (Slack spreads an app's envelopes over its connections), and an
 * envelope that reaches both, as a retry on the other connection does, is acted on once.
 */
class SlackSocketModeReplicasTest {

    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private FakeSlackSocket socket;
    private StubMapping connectionsOpen;

    @AfterEach
    void stop() throws InterruptedException {
        replicas.forEach(ConfigurableApplicationContext::close);
        FakeSlack.SERVER.removeStub(connectionsOpen);
        socket.stop();
    }

    @Test
    void bothReplicasConnectAndASlashCommandDeliveredToBothRunsOnce() throws Exception {
        // GIVEN two replicas on one database, both connected to Slack's socket
        socket = new FakeSlackSocket().startAndWait();
        connectionsOpen = FakeSlack.SERVER.stubFor(post(urlPathEqualTo("/api/apps.connections.open")).atPriority(1)
                .willReturn(okJson("{\"ok\": true, \"url\": \"" + socket.url() + "\"}")));
        replicas.add(start());
        replicas.add(start());
        await().atMost(Duration.ofSeconds(20)).until(() -> socket.openConnections() == 2);

        // WHEN the same slash command (one trigger id) reaches both connections
        String project = Names.unique("sockets");
        String channel = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        socket.pushToEveryConnection(FakeSlackSocket.slashCommand(UUID.randomUUID().toString(), "USOCKETREPLICAS", channel, "project create " + project));

        // THEN both ack it, one of them with the reply, and the project exists once
        List<JsonNode> acks = new ArrayList<>();
        while (acks.size() < 2) {
            JsonNode ack = socket.nextReceived(10);
            assertThat(ack).as("an ack from each replica").isNotNull();
            acks.add(ack);
        }
        List<JsonNode> replies = acks.stream().filter(ack -> !ack.path("payload").path("blocks").isMissingNode()).toList();
        assertThat(replies).as("acks that carry a reply").hasSize(1);
        assertThat(replies.get(0).path("payload").path("blocks").toString()).contains("Project " + project + " created");
        JdbcClient jdbc = replicas.get(0).getBean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from projects where name = ?").param(project).query(Integer.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from channels where platform = 'slack' and external_id = ?").param(channel).query(Integer.class).single())
                .isOne();
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TicolopsApplication.class).properties(Map.of(
                "spring.datasource.url", SharedTestDatabase.jdbcUrl(), "spring.datasource.username", SharedTestDatabase.username(),
                "ticolops.slack.bot-token", "xoxb-test-bot-token", "ticolops.slack.app-token", "xapp-test-app-token",
                "ticolops.slack.api-url", FakeSlack.apiUrl(),
                // Replies are read from the ack; a test JVM warming up can be slower than the 200 ms a server waits.
                "ticolops.slack.ack-wait", "2500ms")).run("--server.port=0");
    }
}
