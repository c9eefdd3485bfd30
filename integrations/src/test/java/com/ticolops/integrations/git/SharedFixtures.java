package com.ticolops.integrations.git;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The workspace's shared payload fixtures (GitHub's and GitLab's own examples), read in place and never copied into the
 * project; found as bot's conformance tests find them.
 */
public final class SharedFixtures {

    /** Set by {@code .ci/run}: there, missing fixtures fail the build instead of skipping the test. */
    private static final String REQUIRED = "ticolops.fixtures.required";

    private SharedFixtures() {
    }

    /**
     * {@code name} under {@code -Dticolops.fixtures=...}, else under {@code shared/fixtures} next to (an ancestor of) the
     * working directory. When neither has it the calling test is skipped with a loud message, or fails under
     * {@value #REQUIRED}.
     */
    public static String read(String name) throws IOException {
        String configured = System.getProperty("ticolops.fixtures");
        if (configured != null && Files.isRegularFile(Path.of(configured, name))) {
            return Files.readString(Path.of(configured, name));
        }
        for (Path dir = Path.of("").toAbsolutePath(); configured == null && dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/" + name);
            if (Files.isRegularFile(candidate)) {
                return Files.readString(candidate);
            }
        }
        String missing = "SHARED FIXTURE MISSING: no shared/fixtures/" + name + " next to " + Path.of("").toAbsolutePath() + " or any folder above it"
                + (configured == null ? "" : ", nor in -Dticolops.fixtures=" + configured);
        if (Boolean.getBoolean(REQUIRED)) {
            fail(missing + " (-D" + REQUIRED + "=true)");
        }
        System.err.println("WARNING: " + missing);
        return Assumptions.abort(missing);
    }
}
