package com.ticolops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class SlackCommandsTest extends SlackTestBase {

    @Autowired
    DataSource dataSource;

    SlackUser alice = newUser("alice");
    String channel = newChannel();
    String project = Names.unique("shop");

    @Test
    void aSlashCommandCreatesAProjectAndTheAckCarriesTheInChannelBlockKitReply() {
        // WHEN alice types /ticolops project create <name> in a channel
        SlackUser.Response ack = alice.types("project create " + project, channel);

        // THEN Slack gets the reply in the ack, for everyone in the channel, as Block Kit with her mention intact
        assertThat(ack.status()).isEqualTo(200);
        JsonNode reply = ack.json();
        assertThat(reply.path("response_type").asString()).isEqualTo("in_channel");
        JsonNode blocks = reply.path("blocks");
        assertThat(blocks.get(0).path("type").asString()).isEqualTo("section");
        assertThat(blocks.get(0).path("text").path("type").asString()).isEqualTo("mrkdwn");
        assertThat(blocks.get(0).path("text").path("text").asString())
                .isEqualTo("Project " + project + " created by <@" + alice.userId + ">, its admin. This channel now follows " + project + ".");
        assertThat(blocks.get(1).path("text").path("text").asString()).startsWith("*Next*\n/ticolops repo connect github &lt;owner/name&gt;");
        // AND the project exists, followed by this Slack channel
        assertThat(projectsNamed(project)).isOne();
        assertThat(projectOfSlackChannel(channel)).isEqualTo(project);
    }

    @Test
    void anAliasRunsItsGroupsCommand() {
        SlackUser.Response ack = alice.types("/project", "create " + project, channel, FakeSlack.newResponseUrl());

        assertThat(ack.json().path("text").asString()).startsWith("Project " + project + " created by <@" + alice.userId + ">");
        assertThat(projectsNamed(project)).isOne();
    }

    @Test
    void projectUseBindsTheSlackChannelToTheProject() {
        alice.types("project create " + project, channel);
        String otherChannel = newChannel();

        SlackUser.Response ack = alice.types("project use " + project, otherChannel);

        assertThat(ack.json().path("response_type").asString()).isEqualTo("in_channel");
        assertThat(ack.json().path("text").asString()).isEqualTo("This channel now follows project " + project + ", set by <@" + alice.userId + ">.");
        assertThat(projectOfSlackChannel(otherChannel)).isEqualTo(project);
    }

    @Test
    void anActionButtonRunsItsCommandAsTheClickingUserInThatChannel() {
        // GIVEN alice has two projects and this channel follows the second
        String first = Names.unique("first");
        alice.types("project create " + first, channel);
        alice.types("project create " + project, channel);
        // AND her project list offers a button to switch to the first
        JsonNode list = alice.types("project list", channel).json();
        JsonNode button = buttonLabelled(list.path("blocks"), "Use " + first);
        assertThat(button.path("value").asString()).isEqualTo("project use " + first);

        // WHEN she clicks it
        String responseUrl = FakeSlack.newResponseUrl();
        SlackUser.Response ack = alice.clicks(button.path("action_id").asString(), button.path("value").asString(), channel, responseUrl);

        // THEN the click is acked at once and the command's reply arrives through the response_url
        assertThat(ack.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !FakeSlack.responses(responseUrl).isEmpty());
        JsonNode reply = FakeSlack.responses(responseUrl).get(0);
        assertThat(reply.path("response_type").asString()).isEqualTo("in_channel");
        assertThat(reply.path("replace_original").asBoolean()).isFalse();
        assertThat(reply.path("blocks").get(0).path("text").path("text").asString())
                .isEqualTo("This channel now follows project " + first + ", set by <@" + alice.userId + ">.");
        assertThat(projectOfSlackChannel(channel)).isEqualTo(first);
    }

    @Test
    void aCommandSlowerThanTheAckWindowIsAckedAtOnceAndAnsweredThroughTheResponseUrl() throws Exception {
        // GIVEN the database holds project writes for 4 seconds (a slow moment)
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                connection.createStatement().execute("lock table projects in exclusive mode");
                locked.countDown();
                Thread.sleep(4000);
                connection.rollback();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();

        // WHEN alice creates a project
        String responseUrl = FakeSlack.newResponseUrl();
        long started = System.nanoTime();
        SlackUser.Response ack = alice.types("/ticolops", "project create " + project, channel, responseUrl);
        long ackMillis = (System.nanoTime() - started) / 1_000_000;

        // THEN Slack gets an empty ack within its 3 seconds, and the reply through the response_url once the work is done
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        assertThat(ackMillis).isLessThan(3000);
        await().atMost(Duration.ofSeconds(10)).until(() -> !FakeSlack.responses(responseUrl).isEmpty());
        JsonNode reply = FakeSlack.responses(responseUrl).get(0);
        assertThat(reply.path("response_type").asString()).isEqualTo("in_channel");
        assertThat(reply.path("text").asString()).startsWith("Project " + project + " created by <@" + alice.userId + ">");
        assertThat(projectsNamed(project)).isOne();
        holder.join();
    }

    @Test
    void aRetriedSlashCommandRunsOnce() {
        // GIVEN a slash command Slack sent once
        Map<String, String> form = alice.slashCommand("/ticolops", "project create " + project, channel, FakeSlack.newResponseUrl());
        String body = SlackUser.encode(form);
        assertThat(alice.send(body, 0, Map.of()).status()).isEqualTo(200);

        // WHEN Slack retries the very same request
        SlackUser.Response retry = alice.send(body, 0, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

        // THEN it is acknowledged and nothing runs again
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEmpty();
        assertThat(projectsNamed(project)).isOne();
    }

    @Test
    void anUnknownCommandGetsAHelpfulPrivateReply() {
        JsonNode reply = alice.types("frobnicate now", channel).json();

        assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(reply.path("text").asString()).startsWith("I don't know the command `frobnicate`.");
        assertThat(reply.toString()).contains("*Commands*", "`project`", "*Example*", "/ticolops help");
    }

    @Test
    void aMissingOptionAnswersWithUsageAndAnExample() {
        JsonNode reply = alice.types("project create", channel).json();

        assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(sectionTexts(reply.path("blocks"))).anySatisfy(text -> assertThat(text)
                .startsWith("*Usage*\n/ticolops project create &lt;name&gt;\nExample: /ticolops project create "));
    }

    @Test
    void aReplayedRequestIsRefusedWith401AndRunsNothing() {
        String body = SlackUser.encode(alice.slashCommand("/ticolops", "project create " + project, channel, FakeSlack.newResponseUrl()));

        SlackUser.Response response = alice.send(body, -301, Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").asString()).startsWith("X-Slack-Request-Timestamp is more than 300 s old");
        assertThat(projectsNamed(project)).isZero();
    }

    @Test
    void aRequestFromTheFutureIsRefusedWith401() {
        String body = SlackUser.encode(alice.slashCommand("/ticolops", "project create " + project, channel, FakeSlack.newResponseUrl()));

        SlackUser.Response response = alice.send(body, 301, Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").asString()).startsWith("X-Slack-Request-Timestamp is more than 300 s in the future");
        assertThat(projectsNamed(project)).isZero();
    }

    @Test
    void aTamperedBodyIsRefusedWith401() {
        String signed = SlackUser.encode(alice.slashCommand("/ticolops", "project list", channel, FakeSlack.newResponseUrl()));
        String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
        String signature = SlackUser.signature(timestamp, signed);
        String tampered = signed.replace("project+list", "project+create+" + project);

        SlackUser.Response response = alice.sendSigned(tampered, timestamp, signature, Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").asString()).isEqualTo("X-Slack-Signature does not match the body: check ticolops.slack.signing-secret");
        assertThat(projectsNamed(project)).isZero();
    }

    @Test
    void anUnsignedRequestIsRefusedWith401() {
        SlackUser.Response response = alice.sendSigned("command=%2Fticolops&text=help", "", "", Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").asString()).startsWith("missing X-Slack-Request-Timestamp or X-Slack-Signature");
    }

    private static JsonNode buttonLabelled(JsonNode blocks, String label) {
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                if (element.path("text").path("text").asString().equals(label)) {
                    return element;
                }
            }
        }
        throw new AssertionError("no button " + label + " in " + blocks);
    }

    private static List<String> sectionTexts(JsonNode blocks) {
        List<String> texts = new java.util.ArrayList<>();
        blocks.forEach(block -> texts.add(block.path("text").path("text").asString()));
        return texts;
    }
}
