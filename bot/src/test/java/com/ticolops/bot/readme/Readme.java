package com.ticolops.bot.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The project's README.md as its examples' tests read it: by section, code block and inline code. */
final class Readme {

    /** Tests run in the bot module's directory; the README is the project's, one level up. */
    private static final Path FILE = Path.of("..", "README.md");

    private Readme() {
    }

    static String text() {
        assertThat(FILE).as("the project's README next to the bot module").exists();
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text of the section under {@code heading} (e.g. {@code "## Try it with curl"}), up to the next heading of its
     * level or higher; a {@code #} inside a code block is a shell comment, not a heading.
     */
    static String section(String heading) {
        int level = heading.indexOf(' ');
        StringBuilder section = null;
        boolean inCode = false;
        for (String line : text().split("\n", -1)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            int hashes = inCode ? 0 : line.indexOf(' ');
            boolean isHeading = hashes > 0 && line.substring(0, hashes).chars().allMatch(c -> c == '#');
            if (section != null && isHeading && hashes <= level) {
                break;
            }
            if (section != null) {
                section.append(line).append('\n');
            }
            if (section == null && line.equals(heading)) {
                section = new StringBuilder();
            }
        }
        assertThat(section).as("README section %s", heading).isNotNull();
        return section.toString();
    }

    /** The contents of the section's fenced code blocks in {@code language}, in order. */
    static List<String> codeBlocks(String section, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    /** Every inline code span of the text, e.g. {@code /ticolops project create shop}. */
    static List<String> inlineCode(String text) {
        List<String> spans = new ArrayList<>();
        Matcher span = Pattern.compile("(?<!`)`([^`\n]+)`(?!`)").matcher(text.replaceAll("(?s)```.*?```", ""));
        while (span.find()) {
            spans.add(span.group(1));
        }
        return spans;
    }
}
