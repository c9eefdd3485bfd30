package com.ticolops.bot.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds the workspace's shared payload fixtures, which are read in place and never copied into the project. */
final class ConformanceFixtures {

    /** Set by {@code .ci/run}: there, missing fixtures fail the build instead of skipping the conformance tests. */
    static final String REQUIRED = "ticolops.fixtures.required";

    private ConformanceFixtures() {
    }

    /**
     * {@code -Dticolops.fixtures=...}, else {@code shared/fixtures} next to (an ancestor of) the working directory. When
     * neither exists the calling test is skipped with a loud message, or fails under {@value #REQUIRED}.
     */
    static Path directory(String name) {
        String configured = System.getProperty("ticolops.fixtures");
        if (configured != null && Files.isDirectory(Path.of(configured, name))) {
            return Path.of(configured, name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); configured == null && dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/" + name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        String missing = "CONFORMANCE SET SKIPPED: no shared/fixtures/" + name + " next to " + Path.of("").toAbsolutePath()
                + " or any folder above it" + (configured == null ? "" : ", nor in -Dticolops.fixtures=" + configured) + ". To run it, check out the workspace's shared/ folder beside the project, "
                + "or point -Dticolops.fixtures at the folder that holds " + name + "/.";
        if (Boolean.getBoolean(REQUIRED)) {
            fail(missing + " (-D" + REQUIRED + "=true)");
        }
        System.err.println("WARNING: " + missing);
        return Assumptions.abort(missing);
    }
}
