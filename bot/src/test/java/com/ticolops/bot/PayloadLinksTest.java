package com.ticolops.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PayloadLinksTest {

    @LocalServerPort
    int port;

    @Test
    void aJavascriptLinkInAPayloadIsDroppedBeforeAnyPlatformSeesItAndAWebLinkIsKept() {
        Ticolops ticolops = new Ticolops(port);
        String alice = Names.unique("alice");
        String channel = Names.unique("links");
        String repository = "octo-org/" + Names.unique("shop");
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        String secret = ticolops.connectGitHub(alice, channel, repository);

        ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), push(repository, "main", "javascript:alert(document.cookie)"), secret);
        ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), push(repository, "next", "https://github.com/" + repository + "/commit/e4f5a6b"), secret);

        JsonNode evil = await().atMost(Duration.ofSeconds(10)).until(() -> announcement(ticolops, channel, "to main"), message -> message != null);
        JsonNode fine = await().atMost(Duration.ofSeconds(10)).until(() -> announcement(ticolops, channel, "to next"), message -> message != null);
        assertThat(evil.path("buttons")).isEmpty();
        assertThat(evil.toString()).doesNotContain("javascript:");
        assertThat(fine.path("buttons").get(0).path("url").asString()).isEqualTo("https://github.com/" + repository + "/commit/e4f5a6b");
    }

    private static JsonNode announcement(Ticolops ticolops, String channel, String textPart) {
        for (JsonNode message : ticolops.channelMessages(channel, 0)) {
            if (message.path("message").path("text").asString().contains(textPart)) {
                return message.path("message");
            }
        }
        return null;
    }

    private static byte[] push(String repository, String branch, String commitUrl) {
        return ("""
                {"ref":"refs/heads/%s","before":"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0","after":"e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3",
                 "created":false,"deleted":false,"forced":false,"compare":"%s",
                 "commits":[{"id":"e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3","message":"Add the basket page","url":"%s",
                   "timestamp":"2026-11-30T10:00:00Z","author":{"name":"Alice","username":"alice"},"added":[],"removed":[],"modified":[]}],
                 "repository":{"full_name":"%s","html_url":"https://github.com/%s"},"pusher":{"name":"alice"},"sender":{"login":"alice"}}
                """).formatted(branch, commitUrl, commitUrl, repository, repository).getBytes(StandardCharsets.UTF_8);
    }
}
