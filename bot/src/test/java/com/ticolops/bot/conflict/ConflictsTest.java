package com.ticolops.bot.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ticolops.bot.activity.GitPushes;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Ticolops;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ConflictsTest.Heard.class)
class ConflictsTest {

    /** What the notification module will hear: every ConflictDetected and ConflictResolved. */
    @TestConfiguration
    static class Heard {

        final List<Object> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ConflictDetected detected) {
            events.add(detected);
        }

        @EventListener
        void on(ConflictResolved resolved) {
            events.add(resolved);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Heard heard;

    @Autowired
    ConflictSweep sweep;

    Ticolops ticolops;
    String alice = Names.unique("alice");
    String bob = Names.unique("bob");
    String carol = Names.unique("carol");
    String channel = Names.unique("general");
    String project = Names.unique("shop");

    @BeforeEach
    void aProjectWithThreeMembers() {
        ticolops = new Ticolops(port);
        ticolops.command(alice, channel, "project create " + project);
        ticolops.command(alice, channel, "member add @" + bob);
        ticolops.command(alice, channel, "member add @" + carol);
    }

    private List<String> conflictMessages() {
        return ticolops.channelTexts(channel).stream().filter(text -> text.matches("(?s).*(Conflict|Heads-up) #\\d+.*|@\\S+ joins? .*")).toList();
    }

    private String awaitConflictMessage(String start) {
        await().atMost(Duration.ofSeconds(10)).until(() -> conflictMessages().stream().anyMatch(text -> text.startsWith(start)));
        return conflictMessages().stream().filter(text -> text.startsWith(start)).findFirst().orElseThrow();
    }

    private void thirtySecondsPassSinceItWasShown() {
        jdbc.sql("update conflicts set announced_at = announced_at - interval '30 seconds' where project_id = (select id from projects where name = ?)")
                .param(project).update();
    }

    /** The project's one open conflict, once detection (right after the activities commit) has found it. */
    private long openConflict() {
        return await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("""
                        select c.id from conflicts c join projects p on p.id = c.project_id where p.name = ? and c.resolved_at is null""")
                .param(project).query(Long.class).optional(), java.util.Optional::isPresent).orElseThrow();
    }

    @Test
    void twoPeopleCodingTheSameFileAreToldOnceMentioningBothAndItResolvesWhenTheyStop() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");

        ticolops.command(bob, channel, "working src/billing/invoice.py");

        String announced = awaitConflictMessage("Conflict #");
        long id = openConflict();
        assertThat(announced).isEqualTo("Conflict #" + id + " (high): @" + alice + " and @" + bob
                + " are both working on src/billing/invoice.py right now. Talk before it becomes a merge conflict.");
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.events.stream().anyMatch(e -> e instanceof ConflictDetected d && d.conflictId() == id));
        ConflictDetected detected = (ConflictDetected) heard.events.stream().filter(e -> e instanceof ConflictDetected d && d.conflictId() == id)
                .findFirst().orElseThrow();
        assertThat(detected.userIds()).hasSize(2);
        assertThat(detected.files()).containsExactly("src/billing/invoice.py");
        assertThat(detected.sentence()).isEqualTo("Conflict #" + id + " (high): " + alice + " and " + bob
                + " are both working on src/billing/invoice.py right now. Talk before it becomes a merge conflict.");

        // AND each of the two is told directly, where they chose to be notified (here their console direct messages)
        String notice = detected.sentence() + "\nsrc/billing/invoice.py";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ticolops.channelTexts("@" + alice)).containsExactly(notice);
            assertThat(ticolops.channelTexts("@" + bob)).containsExactly(notice);
        });

        ticolops.command(bob, channel, "working src/billing/invoice.py");
        ticolops.command(alice, channel, "working src/billing/invoice.py");
        ticolops.command(alice, channel, "conflicts");
        assertThat(conflictMessages()).as("announced once while its people and files are the same").hasSize(1);
        assertThat(ticolops.channelTexts("@" + bob)).as("told once while its people and files are the same").containsExactly(notice);

        ticolops.command(bob, channel, "working stop");

        assertThat(awaitConflictMessage("Resolved — ")).isEqualTo("Resolved — Conflict #" + id + " (high): " + alice + " and " + bob
                + " are both working on src/billing/invoice.py right now. Talk before it becomes a merge conflict.");
        assertThat(conflictMessages()).hasSize(1);
        assertThat(ticolops.command(alice, channel, "conflicts").text()).isEqualTo(project + " has no open conflicts.");
    }

    @Test
    void aThirdPersonOnTheSameFileIsAnnouncedAgainUnderTheFirstMessage() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");
        ticolops.command(bob, channel, "working src/billing/invoice.py reviewing");
        awaitConflictMessage("Conflict #");
        thirtySecondsPassSinceItWasShown();

        ticolops.command(carol, channel, "working src/billing/invoice.py");

        String joined = awaitConflictMessage("@" + carol + " joins");
        assertThat(joined).isEqualTo("@" + carol + " joins " + alice + " and " + bob + " on src/billing/invoice.py.");
        assertThat(awaitConflictMessage("Conflict #")).as("the first message, updated in place")
                .isEqualTo("Conflict #" + openConflict() + " (high): @" + alice + ", @" + bob + " and @" + carol
                        + " are all working on src/billing/invoice.py right now. Talk before it becomes a merge conflict.");
    }

    @Test
    void aConflictThatChangesAgainWithin30SecondsIsShownTheChangeByTheNextSweep() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");
        ticolops.command(bob, channel, "working src/billing/invoice.py");
        String first = awaitConflictMessage("Conflict #");

        ticolops.command(carol, channel, "working src/billing/invoice.py");

        // THEN carol is told at once, but the channel's message waits: it changed a moment ago
        await().atMost(Duration.ofSeconds(10)).until(() -> ticolops.channelTexts("@" + carol).size() == 1);
        assertThat(conflictMessages()).containsExactly(first);

        // WHEN 30 s have passed and the sweep runs
        thirtySecondsPassSinceItWasShown();
        sweep.run();

        // THEN the message shows all three, and the reply under it mentions who joined
        assertThat(awaitConflictMessage("@" + carol + " joins")).isEqualTo("@" + carol + " joins " + alice + " and " + bob + " on src/billing/invoice.py.");
        assertThat(awaitConflictMessage("Conflict #")).contains("@" + alice + ", @" + bob + " and @" + carol + " are all working on");
        sweep.run();
        assertThat(conflictMessages()).as("shown once").hasSize(2);
    }

    @Test
    void twoPeopleOnOneFileAtTheSameMomentFindEachOther() throws Exception {
        // Each recorded in its own transaction at once: neither sees the other's uncommitted row, so detection must come
        // after both committed, and find one conflict, not two.
        for (int round = 0; round < 5; round++) {
            String file = "src/race/f" + round + ".py";
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            var both = new java.util.concurrent.CyclicBarrier(2);
            var a = pool.submit(() -> { both.await(); return ticolops.command(alice, channel, "working " + file); });
            var b = pool.submit(() -> { both.await(); return ticolops.command(bob, channel, "working " + file); });
            a.get();
            b.get();
            pool.shutdown();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.sql("""
                            select (select count(distinct m.person)::int from conflict_members m where m.conflict_id = c.id) from conflicts c join projects p on p.id = c.project_id where p.name = ? and c.key = ?""")
                    .params(project, file).query(Integer.class).list()).as(file).containsExactly(2));
        }
    }

    @Test
    void whoJoinsAConflictIsToldAndThoseAlreadyInItAreNotToldAgain() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");
        ticolops.command(bob, channel, "working src/billing/invoice.py");
        awaitConflictMessage("Conflict #");
        await().atMost(Duration.ofSeconds(10)).until(() -> ticolops.channelTexts("@" + bob).size() == 1);

        ticolops.command(carol, channel, "working src/billing/invoice.py");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts("@" + carol)).singleElement()
                .asString().startsWith("Conflict #" + openConflict() + " (high): " + alice + ", " + bob + " and " + carol + " are all working on"));
        assertThat(ticolops.channelTexts("@" + alice)).hasSize(1);
        assertThat(ticolops.channelTexts("@" + bob)).hasSize(1);
    }

    @Test
    void aConflictThatBecomesMoreSevereTellsEveryoneInItAgain() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");
        ticolops.command(bob, channel, "working src/billing/invoice.py reviewing");
        await().atMost(Duration.ofSeconds(10)).until(() -> ticolops.channelTexts("@" + bob).size() == 1);

        ticolops.command(carol, channel, "working src/billing/invoice.py");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticolops.channelTexts("@" + bob)).hasSize(2)
                .last().asString().startsWith("Conflict #" + openConflict() + " (high): "));
        assertThat(ticolops.channelTexts("@" + alice)).hasSize(2);
    }

    @Test
    void reviewingWhatSomeoneCodesIsLessSevereThanCodingItToo() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");

        ticolops.command(bob, channel, "working src/billing/invoice.py reviewing");

        assertThat(awaitConflictMessage("Conflict #")).startsWith("Conflict #" + openConflict() + " (medium): @" + alice + " and @" + bob);
    }

    @Test
    void aComponentAndAFileInItAreConcurrentWorkOfMediumSeverity() {
        ticolops.command(alice, channel, "working src/billing");

        ticolops.command(bob, channel, "working src/billing/invoice.py");

        assertThat(awaitConflictMessage("Conflict #")).isEqualTo("Conflict #" + openConflict() + " (medium): @" + alice + " and @" + bob
                + " are both working in src/billing right now (src/billing, src/billing/invoice.py). Talk before it becomes a merge conflict.");
    }

    @Test
    void aComponentSomeoneTakesUpAfterAFileInItIsConcurrentWorkToo() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");

        ticolops.command(bob, channel, "working src/billing");

        assertThat(awaitConflictMessage("Conflict #")).isEqualTo("Conflict #" + openConflict() + " (medium): @" + alice + " and @" + bob
                + " are both working in src/billing right now (src/billing, src/billing/invoice.py). Talk before it becomes a merge conflict.");
    }

    @Test
    void differentFilesInOneDirectoryAreALowSeverityHeadsUp() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");

        ticolops.command(bob, channel, "working src/billing/tax.py");

        assertThat(awaitConflictMessage("Heads-up #")).isEqualTo("Heads-up #" + openConflict() + " (low): @" + alice + " and @" + bob
                + " are working on different files in src/billing (src/billing/invoice.py, src/billing/tax.py). A word now saves a collision later.");
    }

    @Test
    void unmergedBranchesOfTwoPeopleTouchingTheSameFileConflictUntilOneMerges() {
        String repository = Names.unique("octo") + "/shop";
        String secret = ticolops.connectGitHub(alice, channel, repository);
        String aliceLogin = Names.unique("alice-gh");
        ticolops.command(alice, channel, "link github " + aliceLogin);
        String stranger = Names.unique("dora-gh");

        ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), GitPushes.push(repository, "invoices", aliceLogin, "src/cart.py", "README.md"), secret);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from activities where branch = 'invoices' and repository = ?")
                .param(repository).query(Integer.class).single() == 2);
        ticolops.gitHubDelivery("push", UUID.randomUUID().toString(), GitPushes.push(repository, "basket", stranger, "src/cart.py"), secret);

        String announced = awaitConflictMessage("Conflict #");
        assertThat(announced).isEqualTo("Conflict #" + openConflict() + " (high): @" + alice + " and " + stranger.toLowerCase()
                + " (GitHub login) change the same files on unmerged branches (" + repository + ": basket and invoices): src/cart.py. "
                + "Merge one first, or agree who rebases.");

        ticolops.gitHubDelivery("pull_request", UUID.randomUUID().toString(),
                Payloads.bytes(Payloads.ANNOUNCEMENT + "pull_request_merged.json", repository), secret);

        assertThat(awaitConflictMessage("Resolved — ")).startsWith("Resolved — Conflict #");
    }

    @Test
    void aDismissedConflictIsNeitherListedNorAnnouncedAgain() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");
        ticolops.command(bob, channel, "working src/billing/invoice.py");
        awaitConflictMessage("Conflict #");
        long id = openConflict();
        assertThat(ticolops.command(alice, channel, "conflicts").all())
                .contains("#" + id + " high — concurrent — @" + alice + " and @" + bob + " — src/billing/invoice.py");

        Ticolops.Response dismissed = ticolops.command(bob, channel, "conflicts dismiss " + id);
        ticolops.command(carol, channel, "working src/billing/invoice.py");

        assertThat(dismissed.text()).isEqualTo("Conflict #" + id + " dismissed: it is no longer listed or announced.");
        assertThat(ticolops.command(alice, channel, "conflicts").text()).isEqualTo(project + " has no open conflicts.");
        assertThat(ticolops.command(alice, channel, "conflicts dismiss " + id).text())
                .isEqualTo(project + " has no open conflict #" + id + ". `/ticolops conflicts` lists them.");
        assertThat(ticolops.command(alice, channel, "conflicts dismiss abc").text())
                .isEqualTo("A conflict is named by its number, e.g. `/ticolops conflicts dismiss 12`; `abc` is not one.");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> conflictMessages().size() == 1);
    }

    @Test
    void workNobodyWasSeenAtForFiveMinutesEndsItsConflict() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");
        ticolops.command(bob, channel, "working src/billing/invoice.py");
        awaitConflictMessage("Conflict #");
        long id = openConflict();

        jdbc.sql("update activities set last_seen_at = now() - interval '6 minutes' where id in (select activity_id from conflict_members where conflict_id = ?)")
                .param(id).update();
        sweep.run();

        assertThat(awaitConflictMessage("Resolved — ")).startsWith("Resolved — Conflict #" + id);
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.events.stream().anyMatch(e -> e instanceof ConflictResolved r && r.conflictId() == id));
    }

    @Test
    void aCrowdedDirectorysHeadsUpNamesItsFirstSixPeopleAndFilesAndCountsTheRest() {
        // GIVEN ten people each on a file of their own in one directory
        List<String> crowd = new java.util.ArrayList<>(List.of(alice, bob, carol));
        for (int i = 3; i < 10; i++) {
            String member = Names.unique("dev" + i);
            ticolops.command(alice, channel, "member add @" + member);
            crowd.add(member);
        }

        // WHEN they start one after the other
        for (int i = 0; i < crowd.size(); i++) {
            ticolops.command(crowd.get(i), channel, "working src/billing/f" + i + ".py");
        }

        // THEN the heads-up holds all ten, and its messages name the first six of each and count the others
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.sql("select count(distinct person)::int from conflict_members where conflict_id = ?")
                .param(openConflict()).query(Integer.class).single()).isEqualTo(10));
        long id = openConflict();
        assertThat(ticolops.command(alice, channel, "conflicts").all()).contains("#" + id + " low — related — @" + String.join(", @", crowd.subList(0, 6))
                + " and 4 others — src/billing/f0.py, src/billing/f1.py, src/billing/f2.py, src/billing/f3.py, src/billing/f4.py, src/billing/f5.py"
                + " and 4 more files");
        thirtySecondsPassSinceItWasShown();
        sweep.run();
        assertThat(awaitConflictMessage("Heads-up #" + id + " (low): @" + alice)).isEqualTo("Heads-up #" + id + " (low): @"
                + String.join(", @", crowd.subList(0, 6)) + " and 4 others are working on different files in src/billing (src/billing/f0.py, "
                + "src/billing/f1.py, src/billing/f2.py, src/billing/f3.py, src/billing/f4.py, src/billing/f5.py and 4 more files). "
                + "A word now saves a collision later.");
        // AND related work is a chance to talk, not a conflict: the channel mentions them, nobody is notified in person
        assertThat(crowd).allSatisfy(member -> assertThat(ticolops.channelTexts("@" + member)).isEmpty());
    }

    @Test
    void whoWasNotSeenForFiveMinutesLeavesAConflictTheOthersStayIn() {
        ticolops.command(alice, channel, "working src/billing/invoice.py");
        ticolops.command(bob, channel, "working src/billing/invoice.py");
        ticolops.command(carol, channel, "working src/billing/invoice.py");
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("select count(distinct person)::int from conflict_members where conflict_id = ?")
                .param(openConflict()).query(Integer.class).single() == 3);
        long id = openConflict();

        jdbc.sql("update activities set last_seen_at = now() - interval '6 minutes' where person = (select 'user:' || user_id from user_identities where kind = 'console' and external_id = ?)")
                .param(carol).update();
        sweep.run();

        assertThat(jdbc.sql("select count(distinct m.person)::int from conflict_members m join conflicts c on c.id = m.conflict_id where c.id = ? and c.resolved_at is null").param(id).query(Integer.class).single())
                .isEqualTo(2);
        assertThat(ticolops.command(alice, channel, "conflicts").all()).contains("#" + id + " high — concurrent — @" + alice + " and @" + bob + " — ");
    }
}
