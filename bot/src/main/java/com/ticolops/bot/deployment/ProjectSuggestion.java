package com.ticolops.bot.deployment;

import java.util.List;

/**
 * What a repository's top-level files suggest: shown to people, never applied without {@code env add}.
 *
 * @param kind     "Next.js app", "Maven project"
 * @param build    the build command, or null when none stands out
 * @param executor the {@code env add} settings suggested, e.g. {@code hook <Vercel deploy hook URL>}
 * @param evidence the files that told
 */
public record ProjectSuggestion(String kind, String build, String executor, List<String> evidence) {

    public ProjectSuggestion {
        evidence = List.copyOf(evidence);
    }
}
