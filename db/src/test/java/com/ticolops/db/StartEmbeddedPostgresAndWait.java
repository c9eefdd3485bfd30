package com.ticolops.db;

import java.nio.file.Path;
import java.sql.DriverManager;

/** Run in a child JVM by {@link EmbeddedPostgresServerTest}, which kills it with SIGKILL to leave an orphaned postmaster. */
public final class StartEmbeddedPostgresAndWait {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        try (var connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
             var statement = connection.createStatement()) {
            statement.execute("create table notes (body text)");
            statement.execute("insert into notes values ('survived')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
