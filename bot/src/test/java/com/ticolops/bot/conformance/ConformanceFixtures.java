package com.ticolops.bot.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the workspace's shared payload fixtures, which are read in place and never copied into the project. */
final class ConformanceFixtures {

    private ConformanceFixtures() {
    }

    /** {@code -Dticolops.fixtures=...}, else {@code shared/fixtures} next to (an ancestor of) the working directory. */
    static Path directory(String name) {
        String configured = System.getProperty("ticolops.fixtures");
        if (configured != null) {
            return Path.of(configured, name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/" + name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("The conformance fixtures are missing: no shared/fixtures/" + name + " next to "
                + Path.of("").toAbsolutePath() + " or any folder above it. Check out the workspace's shared/ folder beside the project, "
                + "or point -Dticolops.fixtures at the folder that holds " + name + "/.");
    }
}
