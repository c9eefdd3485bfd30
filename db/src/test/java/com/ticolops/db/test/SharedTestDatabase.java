package com.ticolops.db.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;

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
                // Throw-away data, so zonky's fsync-off defaults suit. Stopped by Boot's shutdown handlers, which run after
                // every application context has closed: a JVM shutdown hook would race the contexts' last queries. Every
                // application context the tests cache keeps its own pool open, more than PostgreSQL's default 100 allows.
                postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).setServerConfig("max_connections", "300").start();
                SpringApplication.getShutdownHandlers().add(SharedTestDatabase::stop);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test PostgreSQL", e);
            }
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    private static synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the test PostgreSQL", e);
        }
    }

    /**
     * A database of its own in the shared server, for a test that starts Ticolops processes which must migrate it from
     * nothing (or must not meet the other tests' data). @return its JDBC URL
     */
    public static String newDatabase() {
        String name = "test_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = jdbcUrl();
        try (var connection = java.sql.DriverManager.getConnection(url, username(), ""); var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name, e);
        }
        return url.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    public static String username() {
        return "postgres";
    }
}
