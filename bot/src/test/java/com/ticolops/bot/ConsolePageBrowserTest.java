package com.ticolops.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Payloads;
import com.ticolops.bot.testsupport.Browser;
import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console page in a real Chromium, used as a person would: type, press Send, read what the page shows. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePageBrowserTest {

    /** The page polls its channel every 2 s; announcements travel through the event publication registry first. */
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path profile;
    /** One browser for the whole class, started by the first test: without one, each test is reported skipped, with why. */
    static WebDriver browser;

    @LocalServerPort
    int port;

    Ticolops ticolops;
    WebDriverWait wait;
    String alice = Names.unique("alice");
    String channel = Names.unique("web");

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void aliceOpensTheConsoleOnHerChannel() {
        if (browser == null) {
            browser = Browser.headlessChromium(profile);
        }
        ticolops = new Ticolops(port);
        wait = new WebDriverWait(browser, WAIT);
        browser.get("http://localhost:" + port + "/");
        type("user", alice);
        type("channel", channel);
        browser.findElement(By.id("command")).click();
        until("the page to follow #" + channel, d -> d.findElement(By.id("feed-channel")).getText().equals("#" + channel));
    }

    @Test
    void aCommandsReplyShowsItsTextSectionsFieldsAndLinks() {
        String project = Names.unique("shop");

        // WHEN alice creates a project
        send("/ticolops project create " + project);

        // THEN the reply says so, with its "Next" section, and as it is for everyone it shows in the channel feed, once
        WebElement reply = replyShowing("Project " + project + " created by @" + alice);
        assertThat(reply.findElement(By.cssSelector(".meta")).getText()).isEqualTo(alice + " in #" + channel + ": /ticolops project create " + project);
        assertThat(sectionBody(reply, "Next")).contains("/ticolops repo connect github <owner/name>");
        assertThat(reply.findElements(By.cssSelector(".badge"))).isEmpty();
        feedItemShowing("Project " + project + " created by @" + alice);
        assertThat(topLevelTexts()).filteredOn(text -> text.contains("Project " + project + " created")).hasSize(1);
        // AND the command box is empty again, ready for the next command
        assertThat(browser.findElement(By.id("command")).getDomProperty("value")).isEmpty();

        // WHEN she connects a repository, pressing Enter this time
        String repository = "octo-org/" + Names.unique("shop");
        type("command", "/ticolops repo connect github " + repository);
        browser.findElement(By.id("command")).sendKeys(Keys.ENTER);

        // THEN only she sees the reply, with the webhook settings as fields and a link to GitHub's webhook page
        reply = replyShowing("Connected " + repository + " to " + project);
        assertThat(reply.findElement(By.cssSelector(".badge")).getText()).isEqualTo("only you can see this");
        assertThat(field(reply, "Content type")).isEqualTo("application/json");
        assertThat(field(reply, "Secret")).isNotBlank();
        WebElement link = reply.findElement(By.linkText("Open webhook settings"));
        assertThat(link.getDomProperty("href")).isEqualTo("https://github.com/" + repository + "/settings/hooks/new");
    }

    @Test
    void anActionButtonRunsItsCommandAndShowsItsReply() {
        // GIVEN alice has two projects and the channel follows the second
        String first = Names.unique("shop");
        String second = Names.unique("shop");
        send("/ticolops project create " + first);
        replyShowing("Project " + first + " created");
        send("/ticolops project create " + second);
        replyShowing("Project " + second + " created");

        // WHEN she lists her projects
        send("/ticolops project list");

        // THEN the reply offers to switch to the other one
        WebElement reply = replyShowing("Your projects (2):");
        assertThat(sectionBody(reply, "Projects")).contains(first + " — admin", second + " — admin (this channel)");
        List<WebElement> buttons = reply.findElements(By.cssSelector(".buttons button"));
        assertThat(buttons).extracting(WebElement::getText).containsExactly("Use " + first);

        // WHEN she clicks it
        buttons.get(0).click();

        // THEN it ran `project use` as her, and the channel feed announces the switch
        reply = replyShowing("This channel now follows project " + first + ", set by @" + alice + ".");
        assertThat(reply.findElement(By.cssSelector(".meta")).getText()).isEqualTo(alice + " in #" + channel + ": project use " + first);
        feedItemShowing("This channel now follows project " + first);
    }

    @Test
    void doubleClickingAnActionButtonRunsItsCommandOnce() {
        // GIVEN alice's project list offers to switch to her other project
        String first = Names.unique("shop");
        String second = Names.unique("shop");
        send("/ticolops project create " + first);
        replyShowing("Project " + first + " created");
        send("/ticolops project create " + second);
        replyShowing("Project " + second + " created");
        send("/ticolops project list");
        WebElement button = replyShowing("Your projects (2):").findElement(By.cssSelector(".buttons button"));

        // WHEN she double-clicks the button, as people do
        new Actions(browser).doubleClick(button).perform();

        // THEN it ran once: when the page is done, her reply says the channel switched (not that it already had) and the feed says so once
        until("the page to finish running the command", d -> d.findElement(By.id("send")).isEnabled()
                && d.findElement(By.id("reply")).getText().contains("This channel now follows project " + first));
        feedItemShowing("This channel now follows project " + first);
        assertThat(topLevelTexts()).filteredOn(text -> text.contains("now follows project " + first)).hasSize(1);
    }

    @Test
    void whatOthersPostInTheChannelAppearsInTheFeedWithoutReloading() {
        // GIVEN alice is only watching the channel
        until("the feed to say the channel is empty", d -> d.findElement(By.id("feed-status")).getText().equals("No messages in this channel yet."));

        // WHEN bob, elsewhere, creates a project in it and connects a repository
        String bob = Names.unique("bob");
        String project = Names.unique("shop");
        String repository = "octo-org/" + Names.unique("shop");
        ticolops.command(bob, channel, "/ticolops project create " + project);
        ticolops.connectGitHub(bob, channel, repository);

        // THEN both in-channel messages show up in her feed, in order, and the empty-channel hint is gone
        feedItemShowing("@" + bob + " connected GitHub repository " + repository);
        assertThat(topLevelTexts()).hasSize(2);
        assertThat(topLevelTexts().get(0)).contains("Project " + project + " created by @" + bob);
        assertThat(browser.findElement(By.id("feed-status")).getText()).isEmpty();
    }

    @Test
    void aMistypedCommandGetsAHelpfulReplyForHerAlone() {
        // WHEN alice mistypes a command
        send("/ticolops projet list");

        // THEN the reply suggests the right one, lists the commands and shows an example; the channel sees nothing
        WebElement reply = replyShowing("I don't know the command `projet`. Did you mean `project`?");
        assertThat(reply.findElement(By.cssSelector(".badge")).getText()).isEqualTo("only you can see this");
        assertThat(sectionBody(reply, "Commands")).contains("`project`", "`repo`", "`help`");
        assertThat(sectionBody(reply, "Example")).isEqualTo("/ticolops help");
        assertThat(topLevelTexts()).isEmpty();
    }

    @Test
    void aChannelNameThePageCannotUseIsExplainedAndTheCommandIsKept() {
        // WHEN alice types a channel name with a space and tries to send a command
        type("channel", "shop dev");
        send("/ticolops help");

        // THEN the feed explains what a channel name may be, the browser refuses to send it, and her command is still there
        until("the feed to explain channel names", d -> d.findElement(By.id("feed-status")).getText()
                .equals("Enter a channel name (letters, digits, \".\", \"_\" or \"-\") to follow its feed."));
        assertThat(browser.findElement(By.id("channel")).getDomProperty("validationMessage")).isNotEmpty();
        assertThat(browser.findElement(By.id("command")).getDomProperty("value")).isEqualTo("/ticolops help");
        assertThat(browser.findElement(By.id("reply")).getText()).isEqualTo("No reply yet. Try /ticolops help.");
    }

    @Test
    void aPullRequestIsOneMessageEditedInPlaceWithItsReviewNestedUnderIt() {
        // GIVEN alice's project with a GitHub repository connected from the page, its secret read off the reply
        String repository = "octo-org/" + Names.unique("shop");
        send("/ticolops project create " + Names.unique("shop"));
        replyShowing("created by @" + alice);
        send("/ticolops repo connect github " + repository);
        String secret = field(replyShowing("Connected " + repository), "Secret");

        // WHEN GitHub reports a pull request opened
        deliver("pull_request", "pull_request_opened.json", repository, secret);

        // THEN it appears in the feed
        WebElement pullRequest = feedItemShowing("bob-gh opened pull request #12");
        assertThat(body(pullRequest).findElements(By.cssSelector(".edited"))).isEmpty();

        // WHEN it is merged
        deliver("pull_request", "pull_request_merged.json", repository, secret);

        // THEN the same message now says so and is marked edited; nothing was added for it
        until("the pull request's message to say it was merged", d -> body(pullRequest).getText().contains("carol-gh merged pull request #12"));
        assertThat(body(pullRequest).findElement(By.cssSelector(".edited")).getText()).startsWith("· edited");
        assertThat(topLevelTexts()).filteredOn(text -> text.contains("#12")).hasSize(1).noneMatch(text -> text.contains("opened pull request"));

        // WHEN dan approves it
        deliver("pull_request_review", "pull_request_review_approved.json", repository, secret);

        // THEN the approval shows as a reply nested under the pull request's message
        WebElement review = until("the review under the pull request", d -> pullRequest.findElements(By.cssSelector(":scope > ol.replies > li")).stream()
                .filter(li -> li.getText().contains("dan-gh approved pull request #12")).findFirst().orElse(null));
        assertThat(review.getText()).contains("Looks good to me");
        assertThat(topLevelTexts()).noneMatch(text -> text.contains("dan-gh approved"));

        // AND after reloading the page and following the channel again, she sees the same: one edited message, the review under it
        browser.navigate().refresh();
        type("channel", channel);
        browser.findElement(By.id("command")).click();
        WebElement reloaded = feedItemShowing("carol-gh merged pull request #12");
        assertThat(body(reloaded).findElements(By.cssSelector(".edited"))).hasSize(1);
        assertThat(reloaded.findElements(By.cssSelector(":scope > ol.replies > li"))).extracting(WebElement::getText)
                .singleElement().asString().contains("dan-gh approved pull request #12");
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private void send(String command) {
        type("command", command);
        browser.findElement(By.id("send")).click();
    }

    /** Waits for {@code condition}; a timeout says what was awaited and what the page showed instead. */
    private <T> T until(String what, Function<WebDriver, T> condition) {
        return wait.withMessage(() -> what + "; the page shows:\n" + browser.findElement(By.tagName("main")).getText()).until(condition);
    }

    /** The reply panel, once it shows {@code text}. */
    private WebElement replyShowing(String text) {
        return until("the reply to show " + text, d -> {
            WebElement reply = d.findElement(By.id("reply"));
            return reply.getText().contains(text) ? reply : null;
        });
    }

    /** The feed's top-level message whose own part (not its replies) shows {@code text}, once it does. */
    private WebElement feedItemShowing(String text) {
        return until("the feed to show " + text, d -> d.findElements(By.cssSelector("#feed > li")).stream().filter(li -> body(li).getText().contains(text))
                .findFirst().orElse(null));
    }

    private List<String> topLevelTexts() {
        return browser.findElements(By.cssSelector("#feed > li")).stream().map(li -> body(li).getText()).toList();
    }

    private static WebElement body(WebElement feedItem) {
        return feedItem.findElement(By.cssSelector(":scope > .body"));
    }

    private static String sectionBody(WebElement reply, String title) {
        return reply.findElements(By.cssSelector(".section")).stream()
                .filter(section -> section.findElement(By.tagName("h3")).getText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + title + " in " + reply.getText()))
                .findElement(By.tagName("div")).getText();
    }

    private static String field(WebElement reply, String name) {
        List<WebElement> names = reply.findElements(By.cssSelector(".fields dt"));
        List<WebElement> values = reply.findElements(By.cssSelector(".fields dd"));
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).getText().equals(name)) {
                return values.get(i).getText();
            }
        }
        throw new AssertionError("no field " + name + " in " + reply.getText());
    }

    private void deliver(String event, String payload, String repository, String secret) {
        assertThat(ticolops.gitHubDelivery(event, UUID.randomUUID().toString(), payload(payload, repository), secret).status()).isEqualTo(202);
    }

    private static byte[] payload(String name, String repository) {
        return Payloads.bytes(Payloads.ANNOUNCEMENT + name, repository);
    }
}
