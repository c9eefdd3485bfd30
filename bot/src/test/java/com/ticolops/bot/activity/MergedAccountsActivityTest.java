package com.ticolops.bot.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.command.ChatUser;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.chat.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MergedAccountsActivityTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Users users;

    @Autowired
    Presence presence;

    @Autowired
    Activities activities;

    @Test
    void whenTwoAccountsBecomeOnePersonTheirTimeZoneAndWorkShowUnderThatPerson() {
        Ticolops ticolops = new Ticolops(port);
        String alice = Names.unique("alice");
        String channel = Names.unique("general");
        ticolops.command(alice, channel, "project create " + Names.unique("shop"));
        long consoleAlice = jdbc.sql("select user_id from user_identities where kind = 'console' and external_id = ?").param(alice)
                .query(Long.class).single();
        long projectId = jdbc.sql("select project_id from project_members where user_id = ?").param(consoleAlice).query(Long.class).single();
        long slackAlice = users.resolve(new ChatUser(Platform.SLACK, Names.unique("U")), "Alice on Slack");
        presence.setTimeZone(slackAlice, "Europe/Berlin");
        activities.record(projectId, Person.user(slackAlice), List.of("src/billing/invoice.py"), ActivityType.CODING, Source.CHAT, null, null, null);

        users.redeemLinkCode(users.newLinkCode(consoleAlice).code(), slackAlice);

        assertThat(ticolops.command(alice, channel, "who").all())
                .containsPattern("@" + alice + " — online — coding src/billing/invoice.py since \\d\\d:\\d\\d UTC — local time \\d\\d:\\d\\d Europe/Berlin");
    }
}
