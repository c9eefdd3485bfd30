package com.ticolops.bot.activity;

import static com.ticolops.bot.testsupport.Ticolops.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActivityAndPresenceTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String bob = Names.unique("bob");
    String channel = Names.unique("general");
    String project = Names.unique("shop");

    @BeforeEach
    void aProjectWithTwoMembers() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + project);
        ticolops.command(alice, channel, "member add @" + bob);
    }

    private String token(String user, String scopes) {
        return ticolops.command(user, channel, "token create " + Names.unique("t") + " " + scopes).field("Token");
    }

    private String whoLine(String user) {
        String members = ticolops.command(alice, channel, "who").all();
        int start = members.indexOf("@" + user + " — ");
        assertThat(start).as(members).isNotNegative();
        int end = members.indexOf("\\n", start);
        return members.substring(start, end < 0 ? members.indexOf('"', start) : end);
    }

    @Test
    void whatSomeoneSaysTheyWorkOnShowsInWhoWithTheirStatusAndLocalTime() {
        ticolops.command(bob, channel, "tz Europe/Berlin");

        Ticolops.Response working = ticolops.command(alice, channel, "working src/billing/invoice.py reviewing");

        assertThat(working.text()).isEqualTo("Noted: you are reviewing src/billing/invoice.py in " + project + ". `/ticolops working stop` when you are done.");
        assertThat(ticolops.command(alice, channel, "who").text()).isEqualTo(project + ": 1 of 2 online.");
        assertThat(whoLine(alice)).matches("@" + alice + " — online — reviewing src/billing/invoice.py since \\d\\d:\\d\\d UTC — time zone not set");
        assertThat(whoLine(bob)).matches("@" + bob + " — offline — never seen — local time \\d\\d:\\d\\d Europe/Berlin");
    }

    @Test
    void workingStopEndsIt() {
        ticolops.command(alice, channel, "working billing");

        Ticolops.Response stopped = ticolops.command(alice, channel, "working stop");

        assertThat(stopped.text()).isEqualTo("Noted: you stopped working on 1 location.");
        assertThat(whoLine(alice)).startsWith("@" + alice + " — online — on nothing they named");
    }

    @Test
    void someoneIdleForFiveMinutesIsAwayAndAfterThirtyOffline() {
        ticolops.command(alice, channel, "working billing");
        long aliceId = userId(alice);

        seenLast(aliceId, "6 minutes");
        assertThat(whoLine(alice)).startsWith("@" + alice + " — away — coding billing since ");

        seenLast(aliceId, "31 minutes");
        assertThat(whoLine(alice)).matches("@" + alice + " — offline — last seen \\d\\d:\\d\\d UTC — time zone not set");
    }

    /** Presence reads a person's last sighting from their heartbeats and from their activities. */
    private void seenLast(long userId, String ago) {
        jdbc.sql("update presence set last_seen_at = now() - cast(? as interval) where user_id = ?").params(ago, userId).update();
        jdbc.sql("update activities set last_seen_at = now() - cast(? as interval) where user_id = ?").params(ago, userId).update();
    }

    @Test
    void anEditorOrAGitHookReportsActivityAndHeartbeatsOverRest() {
        String token = token(bob, "activity:write,presence:read");

        Ticolops.Response reported = ticolops.post("/api/v1/activities",
                "{\"location\":\" ./src/cart/ \",\"type\":\"testing\",\"repository\":\"octo/shop\",\"branch\":\"cart\"}", bearer(token));
        Ticolops.Response heartbeat = ticolops.post("/api/v1/presence/heartbeat", "", bearer(token));
        Ticolops.Response presence = ticolops.get("/api/v1/presence?project=" + project, bearer(token));

        assertThat(reported.status()).as(reported.all()).isEqualTo(201);
        assertThat(reported.body().path("data").path("location").asString()).isEqualTo("src/cart");
        assertThat(reported.body().path("data").path("project").asString()).isEqualTo(project);
        assertThat(heartbeat.status()).isEqualTo(200);
        assertThat(heartbeat.body().path("data").path("status").asString()).isEqualTo("online");
        assertThat(whoLine(bob)).matches("@" + bob + " — online — testing src/cart on cart since \\d\\d:\\d\\d UTC — time zone not set");
        JsonNode bobs = null;
        for (JsonNode member : presence.body().path("data")) {
            if (member.path("name").asString().equals(bob)) {
                bobs = member;
            }
        }
        assertThat(bobs).as(presence.all()).isNotNull();
        assertThat(bobs.path("status").asString()).isEqualTo("online");
        assertThat(bobs.path("on").path("location").asString()).isEqualTo("src/cart");
        assertThat(presence.body().path("meta").path("total").asInt()).isEqualTo(2);
    }

    @Test
    void aHeartbeatAloneMakesSomeoneOnlineWithinASecond() {
        String token = token(bob, "activity:write");

        Ticolops.Response heartbeat = ticolops.post("/api/v1/presence/heartbeat", "", bearer(token));

        assertThat(heartbeat.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(whoLine(bob))
                .isEqualTo("@" + bob + " — online — on nothing they named — time zone not set"));
    }

    @Test
    void aHeartbeatWithoutATokenIs401AndChangesNothing() {
        long bobId = userId(bob);

        Ticolops.Response heartbeat = ticolops.post("/api/v1/presence/heartbeat", "", Map.of());

        assertThat(heartbeat.status()).isEqualTo(401);
        assertThat(heartbeat.body().path("errors").get(0).path("code").asString()).isEqualTo("unauthenticated");
        assertThat(jdbc.sql("select count(*) from presence where user_id = ?").param(bobId).query(Integer.class).single()).isZero();
    }

    @Test
    void anInvalidTimeZoneIsRefusedAndTheOldOneKept() {
        ticolops.command(alice, channel, "tz America/New_York");

        Ticolops.Response reply = ticolops.command(alice, channel, "tz Mars/Olympus");

        assertThat(reply.text()).isEqualTo("`Mars/Olympus` is not a time zone. Use a name like Europe/Berlin, America/New_York or UTC. Nothing was changed.");
        assertThat(jdbc.sql("select time_zone from presence where user_id = ?").param(userId(alice)).query(String.class).single())
                .isEqualTo("America/New_York");
    }

    @Test
    void aLocationLongerThan500CharactersIsRefusedInChatAndOverRestAndNothingIsRecorded() {
        String tooLong = "src/" + "a".repeat(500);
        String token = token(alice, "activity:write");

        Ticolops.Response chat = ticolops.command(alice, channel, "working " + tooLong);
        Ticolops.Response rest = ticolops.post("/api/v1/activities", "{\"location\":\"" + tooLong + "\"}", bearer(token));
        Ticolops.Response noType = ticolops.post("/api/v1/activities", "{\"location\":\"src\",\"type\":\"dancing\"}", bearer(token));

        assertThat(chat.text()).isEqualTo("A location is at most 500 characters; that one has 504. Nothing was recorded.");
        assertThat(rest.status()).isEqualTo(400);
        assertThat(rest.body().path("errors").get(0).path("message").asString()).isEqualTo(chat.text());
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.body().path("errors").get(0).path("message").asString()).isEqualTo("type is one of coding, reviewing, testing, documenting");
        assertThat(jdbc.sql("select count(*) from activities where user_id = ?").param(userId(alice)).query(Integer.class).single()).isZero();
    }

    @Test
    void aPushCreditsItsFilesToTheLinkedAuthorOnItsBranch() {
        String repository = Names.unique("octo") + "/shop";
        String secret = ticolops.connectGitHub(alice, channel, repository);
        String login = Names.unique("alice-gh");
        ticolops.command(alice, channel, "link github " + login);

        ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), GitPushes.push(repository, "invoices", login, "src/billing/invoice.py"), secret);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(whoLine(alice))
                .matches("@" + alice + " — online — coding src/billing/invoice.py on invoices since \\d\\d:\\d\\d UTC — time zone not set"));
    }

    private long userId(String consoleUser) {
        return jdbc.sql("select user_id from user_identities where kind = 'console' and external_id = ?").param(consoleUser).query(Long.class).single();
    }
}
