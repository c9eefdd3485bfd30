package com.ticolops.bot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The project's own webhook payloads under {@code src/test/resources}, written with {@code REPOSITORY} where a test puts its own. */
public final class Payloads {

    public static final String ANNOUNCEMENT = "/com/ticolops/bot/announcement/";

    private Payloads() {
    }

    /** @param resource an absolute classpath path, e.g. {@code ANNOUNCEMENT + "push.json"} */
    public static String read(String resource, String repository) {
        return text(Payloads.class, resource).replace("REPOSITORY", repository);
    }

    /** A test resource as text: {@code name} is absolute, or relative to {@code test}'s package. */
    public static String text(Class<?> test, String name) {
        try (InputStream in = test.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name + " next to " + test.getSimpleName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String resource, String repository) {
        return read(resource, repository).getBytes(StandardCharsets.UTF_8);
    }
}
