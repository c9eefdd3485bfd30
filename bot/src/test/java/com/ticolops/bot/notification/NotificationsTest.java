package com.ticolops.bot.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import com.ticolops.bot.user.IdentityKind;
import com.ticolops.bot.user.Users;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's notifications, driven from the console as a user would: their preferences set by chat commands, a
 * notification published by another module, and what reached them — the console DM, the email GreenMail received,
 * the signed request the webhook endpoint got.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GreenMail SMTP = startSmtp();
    private static final WireMockServer ENDPOINT = startEndpoint();

    @DynamicPropertySource
    static void mailAndWebhooks(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("ticolops.mail.from", () -> "Ticolops <ticolops@example.com>");
        // The test's endpoint is on this machine: the one network a person's webhook may be in here.
        registry.add("ticolops.notification.allowed-networks", () -> "127.0.0.0/8");
    }

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    private static WireMockServer startEndpoint() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
        ENDPOINT.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Notifications notifications;

    @Autowired
    Users users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HeldNotificationsRelease release;

    @Autowired
    FailedEventPublications failed;

    @Autowired
    NotificationRetention retention;

    Ticolops ticolops;
    String alice = Names.unique("alice");

    @BeforeEach
    void console() {
        ticolops = new Ticolops(port);
    }

    @Test
    void aNotificationReachesAConsoleUserAsADirectMessageOnce() {
        long user = person(alice);

        notifications.notify(notification(user, NotificationKind.REVIEW_REQUESTED, "bob asked you to review acme/shop#12", "key-1"));
        notifications.notify(notification(user, NotificationKind.REVIEW_REQUESTED, "bob asked you to review acme/shop#12", "key-1"));

        await().atMost(WAIT).until(() -> state(user, "key-1"), "sent"::equals);
        assertThat(ticolops.channelTexts("@" + alice)).containsExactly("bob asked you to review acme/shop#12\nAdd a coupon field");
    }

    @Test
    void notifyShowsTheDefaultsAndSaysQuietHoursAreInUtcWhenNoTimeZoneIsStored() {
        person(alice);

        Ticolops.Response shown = ticolops.command(alice, "dm", "notify");
        assertThat(shown.text()).isEqualTo("Your notifications go by direct message here, your chat account by default.");
        assertThat(shown.field("Off")).isEqualTo("none");

        assertThat(ticolops.command(alice, "dm", "notify quiet 19:00-08:00").text())
                .isEqualTo("Quiet hours 19:00-08:00 UTC (no time zone is stored for you yet, so UTC): notifications are held then and sent in one message after.");
        ticolops.command(alice, "dm", "notify on conflicts off");
        Ticolops.Response after = ticolops.command(alice, "dm", "notify");
        assertThat(after.field("Off")).isEqualTo("conflicts");
        assertThat(after.field("Quiet hours")).startsWith("19:00-08:00 UTC");
    }

    @Test
    void aKindTurnedOffOrAMutedProjectIsNotSent() {
        long user = person(alice);
        String project = Names.unique("shop");
        ticolops.command(alice, "dm", "project create " + project);
        long projectId = jdbc.sql("select id from projects where name = ?").param(project).query(Long.class).single();
        assertThat(ticolops.command(alice, "dm", "notify mute " + project).text()).startsWith("Muted " + project);
        assertThat(ticolops.command(alice, "dm", "notify on incidents off").text()).isEqualTo("You will no longer be notified of incidents.");

        notifications.notify(new NotificationRequested(user, NotificationKind.MENTIONED, "muted project", "", null, "muted", projectId));
        notifications.notify(notification(user, NotificationKind.INCIDENTS, "an incident", "off"));
        notifications.notify(notification(user, NotificationKind.MENTIONED, "carol mentioned you", "on"));

        await().atMost(WAIT).until(() -> state(user, "on"), "sent"::equals);
        assertThat(state(user, "muted")).isEqualTo("skipped");
        assertThat(state(user, "off")).isEqualTo("skipped");
        assertThat(ticolops.channelTexts("@" + alice)).containsExactly("carol mentioned you\nAdd a coupon field");
    }

    @Test
    void duringQuietHoursNotificationsAreHeldAndAfterThemSentInOneMessage() {
        long user = person(alice);
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        ticolops.command(alice, "dm", "notify quiet " + clock(now.minusHours(1)) + "-" + clock(now.plusHours(1)));

        notifications.notify(notification(user, NotificationKind.MENTIONED, "first", "q1"));
        notifications.notify(notification(user, NotificationKind.CONFLICTS, "second", "q2"));
        await().atMost(WAIT).until(() -> state(user, "q2") != null && state(user, "q1") != null);
        release.run();
        assertThat(List.of(state(user, "q1"), state(user, "q2"))).containsOnly("held");
        assertThat(ticolops.channelTexts("@" + alice)).isEmpty();

        ticolops.command(alice, "dm", "notify quiet " + clock(now.plusHours(2)) + "-" + clock(now.plusHours(3)));
        release.run();

        assertThat(ticolops.channelTexts("@" + alice)).containsExactly("2 notifications from your quiet hours");
        assertThat(ticolops.channelMessages("@" + alice, 0).get(0).path("message").path("sections").toString()).contains("first", "second");
        assertThat(List.of(state(user, "q1"), state(user, "q2"))).containsOnly("sent");
    }

    @Test
    void anEmailAddressIsVerifiedByTheLinkMailedToItAndThenGetsNotificationsAsTextAndHtml() throws Exception {
        long user = person(alice);
        String address = Names.unique("alice") + "@example.com";
        ticolops.command(alice, "dm", "link email " + address);

        assertThat(ticolops.command(alice, "dm", "notify via email").text())
                .isEqualTo("First confirm " + address + ": we emailed it a link. Nothing changed yet; once you open the link, your notifications come by email.");
        assertThat(ticolops.command(alice, "dm", "notify").text()).startsWith("Your notifications go by direct message here");
        MimeMessage verification = mailTo(address, 1).get(0);
        Matcher link = Pattern.compile("https?://[^/\\s]+(/notifications/email/verify\\?token=[A-Za-z0-9_-]+)").matcher(GreenMailUtil.getBody(verification));
        assertThat(link.find()).isTrue();

        int opened = open(link.group(1));
        assertThat(ticolops.command(alice, "dm", "notify").text()).isEqualTo("Your notifications go by email (" + address + ").");
        assertThat(open(link.group(1))).as("a link works once").isEqualTo(400);

        notifications.notify(notification(user, NotificationKind.MY_DEPLOYMENTS, "Your deployment of shop to production failed", "mail-1"));
        MimeMessage mail = mailTo(address, 2).get(1);
        assertThat(mail.getSubject()).isEqualTo("[Ticolops] Your deployment of shop to production failed");
        String whole = GreenMailUtil.getWholeMessage(mail);
        assertThat(whole).contains("text/plain", "text/html", "Add a coupon field", "<a href=\"https://github.com/acme/shop/pull/12\">Open</a>");
        assertThat(opened).isEqualTo(200);
    }

    @Test
    void aWebhookGetsEachNotificationSignedAsStandardWebhooksSay() throws Exception {
        long user = person(alice);
        String path = "/hooks/" + alice;
        ENDPOINT.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        Ticolops.Response set = ticolops.command(alice, "dm", "notify via webhook " + ENDPOINT.baseUrl() + path);
        assertThat(set.text()).startsWith("Your notifications now go to your webhook at localhost");
        String secret = set.field("Secret");
        assertThat(secret).startsWith("whsec_");

        notifications.notify(notification(user, NotificationKind.BLOCKERS, "A blocker was assigned to you", "hook-1"));

        await().atMost(WAIT).until(() -> !ENDPOINT.findAll(postRequestedFor(urlPathEqualTo(path))).isEmpty());
        LoggedRequest request = ENDPOINT.findAll(postRequestedFor(urlPathEqualTo(path))).get(0);
        assertThat(request.getHeader("webhook-signature")).isEqualTo(signature(secret, request));
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.path("type").asString()).isEqualTo("notification.blockers");
        assertThat(body.path("data").path("subject").asString()).isEqualTo("A blocker was assigned to you");
        assertThat(Long.parseLong(request.getHeader("webhook-timestamp"))).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
    }

    @Test
    void aWebhookThatIsDownGetsTheNotificationWhenItIsBackAndOnlyOnce() {
        long user = person(alice);
        String path = "/hooks/" + alice;
        ENDPOINT.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
        ticolops.command(alice, "dm", "notify via webhook " + ENDPOINT.baseUrl() + path);

        notifications.notify(notification(user, NotificationKind.MENTIONED, "dave mentioned you", "retry-1"));
        await().atMost(WAIT).until(() -> ENDPOINT.findAll(postRequestedFor(urlPathEqualTo(path))).size() == 1);
        assertThat(state(user, "retry-1")).isEqualTo("sending");

        ENDPOINT.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
        await().atMost(WAIT).untilAsserted(() -> {
            failed.resubmit(ResubmissionOptions.defaults());
            assertThat(state(user, "retry-1")).isEqualTo("sent");
        });
        failed.resubmit(ResubmissionOptions.defaults());

        List<LoggedRequest> requests = ENDPOINT.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeader("webhook-id")).as("the same message on every attempt").isEqualTo(requests.get(0).getHeader("webhook-id"));
    }

    @Test
    void aSentNotificationIsForgottenAfterTheRetentionAndAHeldOneIsKept() {
        long user = person(alice);
        for (String[] row : new String[][] {{"old-sent", "sent", "40"}, {"old-held", "held", "40"}, {"new-sent", "sent", "1"}}) {
            jdbc.sql("insert into notification_deliveries (user_id, idempotency_key, kind, subject, text, state, created_at) "
                    + "values (?, ?, 'mentioned', 's', '', ?, now() - make_interval(days => ?))").params(user, row[0], row[1], Integer.parseInt(row[2])).update();
        }

        retention.run();

        assertThat(state(user, "old-sent")).isNull();
        assertThat(state(user, "old-held")).isEqualTo("held");
        assertThat(state(user, "new-sent")).isEqualTo("sent");
        jdbc.sql("delete from notification_deliveries where user_id = ?").param(user).update();
    }

    @Test
    void anInvalidTimeRangeIsRefusedAndChangesNothing() {
        person(alice);
        ticolops.command(alice, "dm", "notify quiet 19:00-08:00");

        assertThat(ticolops.command(alice, "dm", "notify quiet 25:00-08:00").text())
                .isEqualTo("`25:00-08:00` is not a time range: give two times of day, like 19:00-08:00 (it may run past midnight), or off. Nothing changed.");
        assertThat(ticolops.command(alice, "dm", "notify quiet evening").text()).startsWith("`evening` is not a time range");
        assertThat(ticolops.command(alice, "dm", "notify").field("Quiet hours")).startsWith("19:00-08:00");
    }

    @Test
    void anUnknownKindIsRefusedWithTheKindsThereAre() {
        person(alice);

        assertThat(ticolops.command(alice, "dm", "notify on deploys off").text()).contains("`deploys` is not a valid kind: choose one of "
                + "review-requested, mentioned, my-deployments, conflicts, incidents, blockers.");
        assertThat(ticolops.command(alice, "dm", "notify").field("Off")).isEqualTo("none");
    }

    @Test
    void aWebhookOnAnInternalAddressOrWithoutHttpsIsRefusedAndChangesNothing() {
        person(alice);

        assertThat(ticolops.command(alice, "dm", "notify via webhook https://10.1.2.3/hooks").text())
                .isEqualTo("Ticolops does not call `https://10.1.2.3/hooks`: it is an internal address, and a webhook must be reachable on the internet. Nothing changed.");
        assertThat(ticolops.command(alice, "dm", "notify via webhook https://169.254.169.254/latest/meta-data").text())
                .contains("it is an internal address");
        assertThat(ticolops.command(alice, "dm", "notify via webhook http://93.184.216.34/hooks").text())
                .isEqualTo("Ticolops does not call `http://93.184.216.34/hooks`: a webhook must use https. Nothing changed.");
        assertThat(ticolops.command(alice, "dm", "notify").text()).isEqualTo("Your notifications go by direct message here, your chat account by default.");
    }

    @Test
    void anEmailAddressNotYetVerifiedGetsNoNotificationsAndChangesNothing() {
        long user = person(alice);
        String address = Names.unique("alice") + "@example.com";

        assertThat(ticolops.command(alice, "dm", "notify via email " + address).text()).startsWith("First confirm " + address);

        assertThat(ticolops.command(alice, "dm", "notify").text()).startsWith("Your notifications go by direct message here");
        notifications.notify(notification(user, NotificationKind.MENTIONED, "still on the console", "unverified"));
        await().atMost(WAIT).until(() -> ticolops.channelTexts("@" + alice).size() == 1);
        assertThat(mailTo(address, 1)).hasSize(1);
    }

    @Test
    void someoneNoChannelReachesIsRecordedUnreachableInsteadOfBeingTriedForEver() {
        // GIVEN a person known only by a Slack account, and this Ticolops not connected to Slack
        long carol = users.resolve(new com.ticolops.bot.command.ChatUser(com.ticolops.integrations.chat.Platform.SLACK, Names.unique("U")), "carol");

        // WHEN a notification for her comes
        notifications.notify(notification(carol, NotificationKind.MENTIONED, "alice mentioned you in acme/shop#3", "nowhere-" + carol));

        // THEN it is recorded as reaching nobody, and its publication is complete: nothing retries it
        await().atMost(WAIT).until(() -> state(carol, "nowhere-" + carol), "unreachable"::equals);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from event_publication where serialized_event like ? and completion_date is null")
                .param("%nowhere-" + carol + "%").query(Long.class).single() == 0);
    }

    @Test
    void notificationsHeldForSomeoneNoChannelReachesAnyMoreAreRecordedUnreachableWhenTheirQuietHoursEnd() {
        // GIVEN a notification held for a person whose only account is on Slack, which this Ticolops does not talk to
        long carol = users.resolve(new com.ticolops.bot.command.ChatUser(com.ticolops.integrations.chat.Platform.SLACK, Names.unique("U")), "carol");
        jdbc.sql("insert into notification_deliveries (user_id, idempotency_key, kind, subject, text, link, state) values (?, ?, 'mentioned', ?, '', '', 'held')")
                .params(carol, "held-" + carol, "alice mentioned you").update();

        // WHEN the release runs
        release.run();

        // THEN it is recorded as reaching nobody, and the next run does not try it again
        assertThat(state(carol, "held-" + carol)).isEqualTo("unreachable");
        release.run();
        assertThat(state(carol, "held-" + carol)).isEqualTo("unreachable");
    }

    @Test
    void aChatPlatformWithoutAnAccountOrNotConnectedIsRefused() {
        person(alice);

        assertThat(ticolops.command(alice, "dm", "notify via slack").text())
                .isEqualTo("This Ticolops does not send by slack: it is not connected to slack. Nothing changed.");
    }

    /** Opens a page as a browser would; the status it answered. */
    private int open(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private long person(String name) {
        ticolops.command(name, "dm", "help");
        return users.find(IdentityKind.CONSOLE, name).orElseThrow();
    }

    private static NotificationRequested notification(long user, NotificationKind kind, String subject, String key) {
        return new NotificationRequested(user, kind, subject, "Add a coupon field", "https://github.com/acme/shop/pull/12", key, null);
    }

    private String state(long user, String key) {
        return jdbc.sql("select state from notification_deliveries where user_id = ? and idempotency_key = ?").params(user, key)
                .query(String.class).optional().orElse(null);
    }

    private static String clock(LocalTime time) {
        return time.format(DateTimeFormatter.ofPattern("HH:mm"));
    }

    /** The messages GreenMail received for the address, once there are {@code count}. */
    private static List<MimeMessage> mailTo(String address, int count) {
        await().atMost(WAIT).until(() -> messagesTo(address).size() >= count);
        return messagesTo(address);
    }

    private static List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The Standard Webhooks signature, computed here independently of Ticolops's code. */
    private static String signature(String secret, LoggedRequest request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = request.getHeader("webhook-id") + "." + request.getHeader("webhook-timestamp") + "." + request.getBodyAsString();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
