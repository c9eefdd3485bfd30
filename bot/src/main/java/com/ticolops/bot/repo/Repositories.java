package com.ticolops.bot.repo;

import com.ticolops.bot.crypto.SecretCipher;
import com.ticolops.integrations.git.GitProvider;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The Git repositories connected to projects, with their webhook secrets kept encrypted. */
@Service
public class Repositories {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    Repositories(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    record Connected(long id, GitProvider provider, String fullName, String defaultBranch, String projectName) {
    }

    private static final String CONNECTED = """
            select r.id, r.provider, r.full_name, r.default_branch, p.name from repositories r join projects p on p.id = r.project_id
            """;
    private static final RowMapper<Connected> AS_CONNECTED = (row, n) -> new Connected(row.getLong("id"),
            GitProvider.valueOf(row.getString("provider").toUpperCase(Locale.ROOT)), row.getString("full_name"),
            row.getString("default_branch"), row.getString("name"));

    /**
     * The repository's webhook secret, then the one it was rotated away from while that is still accepted, decrypted;
     * empty when it is not connected. {@link WebhookSecretCache} keeps them for the webhook controllers.
     */
    List<String> secretsFor(GitProvider provider, String repositoryFullName) {
        return jdbc.sql("""
                        select webhook_secret_encrypted, case when previous_webhook_secret_expires_at > now() then previous_webhook_secret_encrypted end
                        from repositories where provider = ? and lower(full_name) = lower(?)""")
                .params(provider.id(), repositoryFullName)
                .query((row, n) -> Stream.of(row.getBytes(1), row.getBytes(2)).filter(Objects::nonNull).map(cipher::decrypt).toList())
                .optional().orElse(List.of());
    }

    /**
     * Makes {@code next} the repository's secret; the one it replaces is still accepted until {@code previousUntil}.
     *
     * @return when, which tells this rotation from a later one
     */
    Instant rotateSecret(long id, String next, Instant previousUntil) {
        return jdbc.sql("""
                        update repositories set previous_webhook_secret_encrypted = webhook_secret_encrypted, previous_webhook_secret_expires_at = ?,
                        webhook_secret_encrypted = ?, webhook_secret_rotated_at = clock_timestamp() where id = ? returning webhook_secret_rotated_at""")
                .params(Timestamp.from(previousUntil), cipher.encrypt(next), id).query(Timestamp.class).single().toInstant();
    }

    /** Until when the secret replaced at {@code rotatedAt} is accepted (not at all once that is past), unless the repository was rotated again since. */
    void acceptPreviousSecretUntil(long id, Instant rotatedAt, Instant until, Instant now) {
        boolean kept = until.isAfter(now);
        jdbc.sql("""
                        update repositories set previous_webhook_secret_encrypted = case when ? then previous_webhook_secret_encrypted end,
                        previous_webhook_secret_expires_at = case when ? then ?::timestamptz end where id = ? and webhook_secret_rotated_at = ?""")
                .params(kept, kept, Timestamp.from(until), id, Timestamp.from(rotatedAt)).update();
    }

    /** Puts back the secret replaced at {@code rotatedAt}, unless the repository was rotated again since. */
    void undoRotation(long id, Instant rotatedAt) {
        jdbc.sql("""
                        update repositories set webhook_secret_encrypted = previous_webhook_secret_encrypted, previous_webhook_secret_encrypted = null,
                        previous_webhook_secret_expires_at = null, webhook_secret_rotated_at = null
                        where id = ? and webhook_secret_rotated_at = ? and previous_webhook_secret_encrypted is not null""")
                .params(id, Timestamp.from(rotatedAt)).update();
    }

    /** The project a repository is connected to. */
    public Optional<Long> projectOf(GitProvider provider, String repositoryFullName) {
        return jdbc.sql("select project_id from repositories where provider = ? and lower(full_name) = lower(?)")
                .params(provider.id(), repositoryFullName).query(Long.class).optional();
    }

    Optional<Connected> connected(GitProvider provider, String fullName) {
        return jdbc.sql(CONNECTED + "where r.provider = ? and lower(r.full_name) = lower(?)")
                .params(provider.id(), fullName).query(AS_CONNECTED).optional();
    }

    /**
     * @param hookId the webhook registered through the API, or null when the user adds it by hand
     * @param apiUrl the API the repository lives on
     * @return the new repository's id
     */
    long connect(long projectId, GitProvider provider, String fullName, String defaultBranch, String webhookSecret, long userId, Long hookId,
                 String apiUrl) {
        return jdbc.sql("""
                        insert into repositories (project_id, provider, full_name, default_branch, webhook_secret_encrypted, connected_by, hook_id, api_url)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(projectId, provider.id(), fullName, defaultBranch, cipher.encrypt(webhookSecret), userId, hookId, apiUrl)
                .query(Long.class).single();
    }

    /**
     * A connected repository with what its webhook and the provider's API need.
     *
     * @param secretRotatedAt        when its webhook secret was last replaced, if ever
     * @param previousSecretUntil    until when the secret replaced then is still accepted, if it still is
     */
    record Hooked(long id, long projectId, GitProvider provider, String fullName, String apiUrl, Long hookId, Instant connectedAt,
                  Instant backfilledUntil, Optional<Instant> secretRotatedAt, Optional<Instant> previousSecretUntil) {
    }

    private static final String HOOKED = """
            select id, project_id, provider, full_name, api_url, hook_id, connected_at, backfilled_until, webhook_secret_rotated_at,
                   case when previous_webhook_secret_expires_at > now() then previous_webhook_secret_expires_at end as previous_until
              from repositories\s""";
    private static final RowMapper<Hooked> AS_HOOKED = (row, n) -> new Hooked(row.getLong("id"), row.getLong("project_id"),
            GitProvider.valueOf(row.getString("provider").toUpperCase(Locale.ROOT)), row.getString("full_name"), row.getString("api_url"),
            (Long) row.getObject("hook_id", Long.class), row.getTimestamp("connected_at").toInstant(), instant(row.getTimestamp("backfilled_until")),
            Optional.ofNullable(instant(row.getTimestamp("webhook_secret_rotated_at"))), Optional.ofNullable(instant(row.getTimestamp("previous_until"))));

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    Optional<Hooked> hooked(long id) {
        return jdbc.sql(HOOKED + "where id = ?").param(id).query(AS_HOOKED).optional();
    }

    /** The repositories whose webhook Ticolops registered, so their API can be asked about missed deliveries. */
    List<Hooked> withHooks() {
        return jdbc.sql(HOOKED + "where hook_id is not null order by id").query(AS_HOOKED).list();
    }

    void backfilledUntil(long id, Instant until) {
        jdbc.sql("update repositories set backfilled_until = ? where id = ?").params(Timestamp.from(until), id).update();
    }

    /** Removes the repository; its subscriptions and refused-delivery records go with it. */
    void disconnect(long id) {
        jdbc.sql("delete from repositories where id = ?").param(id).update();
    }

    /** When the repository's latest delivery since it was connected arrived, if any. */
    Optional<Instant> lastDelivery(Hooked repository) {
        return jdbc.sql("""
                        select max(received_at) from webhook_deliveries where provider = ? and lower(repository) = lower(?) and received_at >= ?
                        and delivery_id not like 'backfill:%'""")
                .params(repository.provider().id(), repository.fullName(), Timestamp.from(repository.connectedAt()))
                .query((row, n) -> row.getTimestamp(1)).optional().filter(Objects::nonNull).map(Timestamp::toInstant);
    }

    /** A connected repository as other modules refer to it. */
    public record Ref(long id, long projectId, GitProvider provider, String fullName) {
    }

    private static final RowMapper<Ref> AS_REF = (row, n) -> new Ref(row.getLong("id"), row.getLong("project_id"),
            GitProvider.valueOf(row.getString("provider").toUpperCase(Locale.ROOT)), row.getString("full_name"));

    public Optional<Ref> find(GitProvider provider, String fullName) {
        return jdbc.sql("select id, project_id, provider, full_name from repositories where provider = ? and lower(full_name) = lower(?)")
                .params(provider.id(), fullName).query(AS_REF).optional();
    }

    public Optional<Ref> find(long id) {
        return jdbc.sql("select id, project_id, provider, full_name from repositories where id = ?").param(id).query(AS_REF).optional();
    }

    /** The project's repositories with this name: one, or one per provider when both host a repository of that name. */
    public List<Ref> named(long projectId, String fullName) {
        return jdbc.sql("select id, project_id, provider, full_name from repositories where project_id = ? and lower(full_name) = lower(?) order by provider")
                .params(projectId, fullName).query(AS_REF).list();
    }

    /** The main branch given when the repository was connected, if one was. */
    public Optional<String> defaultBranch(long repositoryId) {
        return jdbc.sql("select default_branch from repositories where id = ?").param(repositoryId).query(String.class).list().stream()
                .filter(branch -> branch != null && !branch.isBlank()).findFirst();
    }

    List<Connected> of(long projectId) {
        return jdbc.sql(CONNECTED + "where r.project_id = ? order by r.provider, lower(r.full_name)")
                .param(projectId).query(AS_CONNECTED).list();
    }
}
