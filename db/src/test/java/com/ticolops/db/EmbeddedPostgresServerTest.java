package com.ticolops.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path home;

    @Test
    void dataWrittenBeforeAStopIsThereAfterTheNextStartWithFsyncOn() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(home)) {
            execute(server, "create table notes (body text)", "insert into notes values ('kept')");
            assertThat(query(server, "show fsync")).isEqualTo("on");
            assertThat(query(server, "show synchronous_commit")).isEqualTo("on");
        }

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(home)) {
            assertThat(query(restarted, "select body from notes")).isEqualTo("kept");
        }
    }

    @Test
    void aPostmasterLeftRunningByAKilledRunIsStoppedOnStart() throws Exception {
        // GIVEN a Ticolops JVM that started the database, wrote to it and was killed with SIGKILL
        Process killedRun = startChild();
        killedRun.destroyForcibly().waitFor();
        long orphanPid = Long.parseLong(Files.readAllLines(home.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).as("the postmaster outlived its JVM").isPresent();

        // WHEN the next run starts on the same data directory
        try (EmbeddedPostgresServer next = EmbeddedPostgresServer.start(home)) {
            // THEN the orphan is gone and the data is served by the new server
            assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(query(next, "select body from notes")).isEqualTo("survived");
        }
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryIsRefusedAndTheFirstKeepsItsDatabase() throws Exception {
        // GIVEN a running Ticolops JVM that uses the embedded database in this directory
        Process running = startChild();
        try {
            long postmaster = Long.parseLong(Files.readAllLines(home.resolve("postmaster.pid")).get(0).trim());

            // WHEN a second one starts on the same directory (a second replica on the laptop database)
            // THEN it is refused with what to do instead, and the first one's PostgreSQL is left alone
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(home))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The embedded database in " + home + " is in use by another Ticolops process (pid " + running.pid()
                            + "). One process only can use the embedded database: to run several, give each the same external PostgreSQL with DATABASE_URL.");
            assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).as("the first process's postmaster").isPresent();
        } finally {
            running.destroyForcibly().waitFor();
        }

        // AND once that process is gone, the next start takes the directory over with its data
        try (EmbeddedPostgresServer next = EmbeddedPostgresServer.start(home)) {
            assertThat(query(next, "select body from notes")).isEqualTo("survived");
        }
    }

    /** A child JVM that started the database on {@link #home}, wrote a note and waits. */
    private Process startChild() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartEmbeddedPostgresAndWait.class.getName(), home.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            assertThat(output.lines().filter("READY"::equals).findFirst()).as("child JVM started PostgreSQL").isPresent();
        }
        return child;
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
    }
}
