package com.ticolops.db.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One embedded PostgreSQL per test JVM, shared by every Spring context of every module's tests.
 * Tests keep apart by using their own names (projects, channels, repositories, delivery ids).
 */
public final class SharedTestDatabase {

    private static EmbeddedPostgres postgres;

    private SharedTestDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (postgres == null) {
            try {
                // Throw-away data: zonky's defaults (fsync off) and its shutdown hook are what we want here.
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test PostgreSQL", e);
            }
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public static String username() {
        return "postgres";
    }
}
