package com.ticolops.bot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The project's own webhook payloads under {@code src/test/resources}, written with {@code REPOSITORY} where a test puts its own. */
public final class Payloads {

    public static final String NOTIFICATION = "/com/ticolops/bot/notification/";

    private Payloads() {
    }

    /** @param resource an absolute classpath path, e.g. {@code NOTIFICATION + "push.json"} */
    public static String read(String resource, String repository) {
        try (InputStream in = Payloads.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test payload " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("REPOSITORY", repository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String resource, String repository) {
        return read(resource, repository).getBytes(StandardCharsets.UTF_8);
    }
}
