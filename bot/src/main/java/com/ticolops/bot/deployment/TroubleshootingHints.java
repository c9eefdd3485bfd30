package com.ticolops.bot.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a failed deployment's log most likely says went wrong, and what to try: rules kept as data in
 * {@code troubleshooting-hints.json} beside this class, the first whose pattern matches a line wins. The log's last
 * lines are searched from the end, where the error usually is.
 */
@Component
class TroubleshootingHints {

    private static final String RULES = "troubleshooting-hints.json";

    /** @param id a short name for the cause, e.g. {@code out-of-memory} */
    record Hint(String id, String cause, String advice) {
    }

    private record Rule(String id, String cause, String advice, List<String> patterns) {
    }

    private record Compiled(Hint hint, List<Pattern> patterns) {
    }

    private final List<Compiled> rules;

    TroubleshootingHints() {
        this.rules = load().stream().map(rule -> new Compiled(new Hint(rule.id(), rule.cause(), rule.advice()),
                rule.patterns().stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList())).toList();
    }

    Optional<Hint> hintFor(List<String> log) {
        for (Compiled rule : rules) {
            for (int i = log.size() - 1; i >= 0; i--) {
                String line = log.get(i);
                if (rule.patterns().stream().anyMatch(p -> p.matcher(line).find())) {
                    return Optional.of(rule.hint());
                }
            }
        }
        return Optional.empty();
    }

    private static List<Rule> load() {
        try (InputStream in = TroubleshootingHints.class.getResourceAsStream(RULES)) {
            if (in == null) {
                throw new IllegalStateException(RULES + " is missing from the classpath");
            }
            return JsonMapper.builder().build().readValue(in, new TypeReference<List<Rule>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
