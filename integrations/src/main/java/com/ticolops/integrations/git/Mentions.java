package com.ticolops.integrations.git;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @login} mentions in a description, comment or review, as GitHub and GitLab link them: an {@code @} not
 * preceded by a letter, digit or one of {@code ._-} (so no email address), then a GitHub login or GitLab username.
 * Mentions inside code spans and blocks are skipped, as both hosts do. GitLab's group paths ({@code @group/sub})
 * come out as their first part, which no person is called unless a person is.
 */
public final class Mentions {

    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9._@/-])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,254}[A-Za-z0-9_])?)");
    private static final Pattern CODE = Pattern.compile("```.*?```|`[^`\\n]*`", Pattern.DOTALL);
    /** A description is long at a few kilobytes; no one mentions hundreds of people, and the event stays small. */
    private static final int MAX = 50;

    private Mentions() {
    }

    /** Each login once, in the order mentioned, as written (logins are compared case-insensitively). */
    public static List<String> in(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        Set<String> lower = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(CODE.matcher(text).replaceAll(" "));
        while (matcher.find() && seen.size() < MAX) {
            if (lower.add(matcher.group(1).toLowerCase(Locale.ROOT))) {
                seen.add(matcher.group(1));
            }
        }
        return List.copyOf(seen);
    }
}
