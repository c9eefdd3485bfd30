package com.ticolops.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Ticolops runs when no database URL is configured: real PostgreSQL binaries,
 * data kept under {@code TICOLOPS_HOME}, durable writes. Spring closes it after the pool and Quartz,
 * because the data source depends on it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final FileChannel lock;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, FileChannel lock) {
        this.postgres = postgres;
        this.lock = lock;
    }

    /**
     * @throws IllegalStateException when another process uses this data directory: one process only, replicas need an
     *                               external PostgreSQL
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        FileChannel lock = lock(dataDirectory);
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedPostmaster(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // zonky turns these off for throw-away test databases; this one keeps data.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDirectory);
            return new EmbeddedPostgresServer(postgres, lock);
        } catch (IOException e) {
            closeQuietly(lock);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    /**
     * An exclusive lock on a file beside the data directory, held while this process runs its PostgreSQL. The
     * operating system releases it when the process ends, however it ends, so a postmaster found running without it
     * was left by a killed run and may be stopped; one found with it belongs to a live Ticolops and must not be.
     */
    private static FileChannel lock(Path dataDirectory) {
        Path file = dataDirectory.toAbsolutePath().resolveSibling(dataDirectory.getFileName() + ".lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) {
                String owner = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
                channel.close();
                throw new IllegalStateException("The embedded database in " + dataDirectory + " is in use by another Ticolops process"
                        + (owner.isEmpty() ? "" : " (pid " + owner + ")") + ". One process only can use the embedded database: "
                        + "to run several, give each the same external PostgreSQL with DATABASE_URL.");
            }
            channel.truncate(0).write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + file, e);
        }
    }

    private static void closeQuietly(FileChannel lock) {
        try {
            lock.close();
        } catch (IOException e) {
            log.warn("Could not release the embedded database's lock", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } finally {
            lock.close();
        }
    }

    /**
     * A JVM killed with {@code kill -9} leaves its postmaster running and holding the data directory; this start holds
     * the directory's lock, so that postmaster has no live owner: stop it so this start can take the directory over.
     */
    static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isReadable(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
        if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
            return;
        }
        ProcessHandle orphan = postmaster.get();
        log.warn("Stopping PostgreSQL (pid {}) left running by an earlier Ticolops in {}", orphan.pid(), dataDirectory);
        orphan.destroy();
        try {
            orphan.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.destroyForcibly();
            throw new IOException("PostgreSQL pid " + orphan.pid() + " did not stop within " + ORPHAN_STOP_TIMEOUT, e);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
