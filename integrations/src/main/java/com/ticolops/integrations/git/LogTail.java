package com.ticolops.integrations.git;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last lines of a CI job's log as a person reads them, for the providers' {@link DeployClient}s. A log can be
 * many megabytes, so only the lines kept are held. Written by hand: it is terminal output (colour codes, carriage
 * returns that redraw a line, GitLab's section markers, GitHub's per-line timestamps), which no library here reads.
 */
public final class LogTail {

    /** CSI sequences: colours, and the "erase line" GitLab writes after a section marker. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    /** GitLab's collapsible sections: {@code section_start:1560896352:step_script\r}, then the line's text. */
    private static final Pattern SECTION = Pattern.compile("section_(start|end):\\d+:[^\\r]*\\r");
    /** GitHub Actions starts every log line with the time it was written. */
    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z ");

    private LogTail() {
    }

    public static List<String> of(Reader log, int lines) throws IOException {
        Deque<String> tail = new ArrayDeque<>();
        if (lines <= 0) {
            return List.of();
        }
        StringBuilder line = new StringBuilder();
        char[] buffer = new char[8192];
        for (int read = log.read(buffer); read >= 0; read = log.read(buffer)) {
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    keep(tail, line, lines);
                } else {
                    line.append(buffer[i]);
                }
            }
        }
        if (!line.isEmpty()) {
            keep(tail, line, lines);
        }
        return List.copyOf(tail);
    }

    private static void keep(Deque<String> tail, StringBuilder raw, int lines) {
        String text = raw.toString();
        raw.setLength(0);
        String shown = readable(text);
        if (shown.isBlank() && !text.isBlank()) {
            // nothing but markup: a section's end, a colour reset
            return;
        }
        if (tail.size() == lines) {
            tail.removeFirst();
        }
        tail.addLast(shown);
    }

    /** What a terminal shows: the text after the line's last carriage return, without colours, markers or timestamp. */
    private static String readable(String line) {
        String shown = SECTION.matcher(ANSI.matcher(line.replace("\uFEFF", "")).replaceAll("")).replaceAll("");
        shown = shown.endsWith("\r") ? shown.substring(0, shown.length() - 1) : shown;
        shown = shown.substring(shown.lastIndexOf('\r') + 1);
        return TIMESTAMP.matcher(shown).replaceFirst("");
    }
}
