package com.ticolops.bot.deployment;

import com.ticolops.bot.command.Role;
import com.ticolops.bot.crypto.SecretCipher;
import com.ticolops.bot.project.Projects;
import com.ticolops.bot.repo.Repositories;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Environments, their rules, freeze windows, locks and auto-deploys, in PostgreSQL (V13). */
@Component
class Environments {

    private static final String SELECT = """
            select id, repository_id, name, executor, executor_target, hook_host, url, is_default, required_role, allowed_channels,
                   confirmation_required, when_busy, time_zone
            from environments
            """;

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Repositories repositories;
    private final Projects projects;

    Environments(JdbcClient jdbc, SecretCipher cipher, Repositories repositories, Projects projects) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.repositories = repositories;
        this.projects = projects;
    }

    /**
     * Adds an environment whose freeze windows are read in its project's time zone.
     *
     * @param hookUrl the deploy hook URL, already checked against SSRF; stored encrypted. Null for other executors.
     */
    long add(Repositories.Ref repository, String name, Executor executor, String target, String hookUrl, String hookHost, String url, Role role,
             long userId) {
        boolean first = of(repository).isEmpty();
        return jdbc.sql("""
                        insert into environments (repository_id, name, executor, executor_target, hook_url_encrypted, hook_host, url, is_default,
                                                  required_role, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(repository.id(), name, executor.id(), target, hookUrl == null ? null : cipher.encrypt(hookUrl), hookHost, url,
                        first || name.equalsIgnoreCase("production"), role.id(), userId)
                .query(Long.class).single();
    }

    List<Environment> of(Repositories.Ref repository) {
        return jdbc.sql(SELECT + "where repository_id = ? and removed_at is null order by is_default desc, lower(name)").param(repository.id())
                .query((row, n) -> environment(row, repository)).list();
    }

    Optional<Environment> named(Repositories.Ref repository, String name) {
        return jdbc.sql(SELECT + "where repository_id = ? and lower(name) = lower(?) and removed_at is null").params(repository.id(), name)
                .query((row, n) -> environment(row, repository)).optional();
    }

    Optional<Environment> find(long id) {
        return jdbc.sql(SELECT + "where id = ?").param(id).query((row, n) -> row.getLong("repository_id")).optional()
                .flatMap(repositories::find)
                .flatMap(repository -> jdbc.sql(SELECT + "where id = ?").param(id).query((row, n) -> environment(row, repository)).optional());
    }

    /** The deploy hook URL, decrypted right before it is called. */
    String hookUrl(long environmentId) {
        return cipher.decrypt(jdbc.sql("select hook_url_encrypted from environments where id = ?").param(environmentId).query(byte[].class).single());
    }

    void makeDefault(Environment environment) {
        jdbc.sql("update environments set is_default = false where repository_id = ? and id <> ?")
                .params(environment.repository().id(), environment.id()).update();
        jdbc.sql("update environments set is_default = true where id = ?").param(environment.id()).update();
    }

    /**
     * Marks the environment removed, so its deployments keep their history, and drops what would act on it: its
     * auto-deploys, lock and freezes.
     *
     * @return false when it was removed already
     */
    boolean remove(long environmentId) {
        jdbc.sql("delete from autodeploys where environment_id = ?").param(environmentId).update();
        jdbc.sql("delete from environment_locks where environment_id = ?").param(environmentId).update();
        clearFreezes(environmentId);
        return jdbc.sql("update environments set removed_at = now(), is_default = false where id = ? and removed_at is null")
                .param(environmentId).update() == 1;
    }

    void rules(long environmentId, Rules rules) {
        jdbc.sql("""
                        update environments set required_role = ?, allowed_channels = cast(? as text[]), confirmation_required = ?, when_busy = ?,
                                                time_zone = ?
                        where id = ?""")
                .params(rules.requiredRole().id(), array(rules.allowedChannels()), rules.confirmationRequired(), rules.queueWhenBusy() ? "queue" : "refuse",
                        rules.projectTimeZone() ? null : rules.timeZone().getId(), environmentId)
                .update();
    }

    void addFreeze(long environmentId, String starts, String ends, long userId) {
        jdbc.sql("insert into environment_freezes (environment_id, starts, ends, created_by) values (?, ?, ?, ?)")
                .params(environmentId, starts, ends, userId).update();
    }

    void clearFreezes(long environmentId) {
        jdbc.sql("delete from environment_freezes where environment_id = ?").param(environmentId).update();
    }

    Optional<EnvironmentLock> lock(long environmentId) {
        return jdbc.sql("select locked_by_name, reason, locked_at from environment_locks where environment_id = ?").param(environmentId)
                .query((row, n) -> new EnvironmentLock(row.getString("locked_by_name"), row.getString("reason"), row.getTimestamp("locked_at").toInstant()))
                .optional();
    }

    /** @return false when it was locked already */
    boolean lock(long environmentId, long userId, String holder, String reason) {
        return jdbc.sql("""
                        insert into environment_locks (environment_id, locked_by, locked_by_name, reason) values (?, ?, ?, ?)
                        on conflict (environment_id) do nothing""")
                .params(environmentId, userId, holder, reason).update() == 1;
    }

    boolean unlock(long environmentId) {
        return jdbc.sql("delete from environment_locks where environment_id = ?").param(environmentId).update() == 1;
    }

    /** @return false when nothing changed */
    boolean autodeploy(Environment environment, String branch, boolean on, long userId) {
        if (on) {
            return jdbc.sql("""
                            insert into autodeploys (repository_id, branch, environment_id, enabled_by) values (?, ?, ?, ?)
                            on conflict do nothing""")
                    .params(environment.repository().id(), branch, environment.id(), userId).update() == 1;
        }
        return jdbc.sql("delete from autodeploys where repository_id = ? and branch = ? and environment_id = ?")
                .params(environment.repository().id(), branch, environment.id()).update() == 1;
    }

    boolean anyAutodeployed(Repositories.Ref repository, String branch) {
        return jdbc.sql("select exists (select 1 from autodeploys where repository_id = ? and branch = ?)").params(repository.id(), branch)
                .query(Boolean.class).single();
    }

    /** The environments a push to {@code branch} deploys to. */
    List<Environment> autodeployed(Repositories.Ref repository, String branch) {
        return jdbc.sql(SELECT + "where id in (select environment_id from autodeploys where repository_id = ? and branch = ?) order by id")
                .params(repository.id(), branch).query((row, n) -> environment(row, repository)).list();
    }

    /** The branches that deploy to the environment on push. */
    List<String> autodeployBranches(long environmentId) {
        return jdbc.sql("select branch from autodeploys where environment_id = ? order by branch").param(environmentId).query(String.class).list();
    }

    private Environment environment(ResultSet row, Repositories.Ref repository) throws SQLException {
        long id = row.getLong("id");
        String zone = row.getString("time_zone");
        Rules rules = new Rules(Role.valueOf(row.getString("required_role").toUpperCase(Locale.ROOT)), strings(row.getArray("allowed_channels")),
                row.getBoolean("confirmation_required"), row.getString("when_busy").equals("queue"),
                zone == null ? projects.timeZone(repository.projectId()) : ZoneId.of(zone), zone == null, freezes(id));
        return new Environment(id, repository, row.getString("name"), Executor.of(row.getString("executor")).orElseThrow(),
                row.getString("executor_target"), row.getString("hook_host"), row.getString("url"), row.getBoolean("is_default"), rules);
    }

    private List<Freeze> freezes(long environmentId) {
        return jdbc.sql("select id, starts, ends from environment_freezes where environment_id = ? order by id").param(environmentId)
                .query((row, n) -> new Freeze(row.getLong("id"), row.getString("starts"), row.getString("ends"))).list();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A PostgreSQL array literal, each element quoted: channel ids may hold characters the literal syntax treats specially. */
    private static String array(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }
}
