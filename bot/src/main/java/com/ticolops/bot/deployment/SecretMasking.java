package com.ticolops.bot.deployment;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a secret in a log line before it is shown in a channel: known token formats, credentials in
 * URLs, values of variables named like secrets, bearer tokens and long random-looking strings. A log line printed by a
 * careless script should not hand a channel its production keys.
 */
final class SecretMasking {

    static final String MASK = "••••";

    private static final List<Pattern> TOKENS = List.of(
            Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abpors]-[A-Za-z0-9-]{10,})"),
            Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"),
            Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----.*"),
            // Hex or base64 runs of 32 and more characters with digits in them: keys, not words. Git shas (40 hex) are kept.
            Pattern.compile("\\b(?![0-9a-f]{40}\\b)(?=[A-Za-z0-9+/_-]*[0-9])(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{32,}={0,2}"));
    /** {@code PASSWORD=...}, {@code api_key: ...}, {@code "secret": "..."}: the name stays, the value goes. */
    private static final Pattern NAMED = Pattern.compile(
            "(?i)((?:[A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]*)\"?\\s*[=:]\\s*\"?)([^\\s\"',;]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^\\s/@:]+:[^\\s/@]+@");

    private SecretMasking() {
    }

    static String mask(String line) {
        String masked = URL_CREDENTIALS.matcher(line).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        masked = BEARER.matcher(masked).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        masked = NAMED.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
        for (Pattern token : TOKENS) {
            masked = token.matcher(masked).replaceAll(Matcher.quoteReplacement(MASK));
        }
        return masked;
    }
}
