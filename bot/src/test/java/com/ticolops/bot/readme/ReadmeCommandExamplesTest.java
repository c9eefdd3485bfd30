package com.ticolops.bot.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Names;
import com.ticolops.bot.testsupport.Ticolops;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every {@code /ticolops ...} example of the README, typed in the console in the README's order (one person, one
 * channel), is a command Ticolops knows with options it accepts. Syntax lines with placeholders ({@code <name>},
 * {@code [role]}, {@code a | b}, {@code ...}) are not examples; the Discord section's are typed in Discord's own option
 * syntax ({@code name:shop}), so they are not console input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeCommandExamplesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("[<>\\[\\]|]|\\.\\.\\.|…");
    /** How the dispatcher answers input it cannot run: an unknown command, a missing subcommand, options that do not fit, a crash. */
    private static final Pattern WRONG_INPUT = Pattern.compile(
            "^I don't know the command|needs a subcommand|is not a [a-z]+ command|^`[^`]+` (needs|does not take)|^Something went wrong");

    @LocalServerPort
    int port;

    @Test
    void everyCommandExampleInTheReadmeIsUnderstoodByTheConsole() {
        List<String> examples = examples();
        assertThat(examples).as("the README's command examples")
                .contains("/ticolops project create shop", "/ticolops subscribe octo-org/shop pulls reviews pipelines branch:main status:failure");
        Ticolops ticolops = new Ticolops(port);
        String user = Names.unique("alice");
        String channel = Names.unique("general");

        SoftAssertions softly = new SoftAssertions();
        for (String example : examples) {
            Ticolops.Response reply = ticolops.command(user, channel, example);
            softly.assertThat(reply.status()).as("status of %s", example).isEqualTo(200);
            softly.assertThat(reply.text()).as("reply to %s", example).doesNotContainPattern(WRONG_INPUT);
            softly.assertThat(reply.body().path("sections").findValuesAsString("title")).as("sections of the reply to %s", example)
                    .doesNotContain("Usage");
        }
        softly.assertAll();
    }

    private static List<String> examples() {
        String readme = Readme.text();
        String withoutDiscord = readme.replace(Readme.section("## Discord"), "");
        return Readme.inlineCode(withoutDiscord).stream()
                .filter(code -> code.startsWith("/ticolops ") && !PLACEHOLDER.matcher(code).find())
                .toList();
    }
}
