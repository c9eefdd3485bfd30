package com.ticolops.bot.repository;

import com.ticolops.bot.crypto.SecretCipher;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.WebhookSecrets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The Git repositories connected to projects, with their webhook secrets kept encrypted. */
@Service
public class Repositories implements WebhookSecrets {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    Repositories(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    record Connected(GitProvider provider, String fullName, String defaultBranch, String projectName) {
    }

    private static final String CONNECTED = """
            select r.provider, r.full_name, r.default_branch, p.name from repositories r join projects p on p.id = r.project_id
            """;
    private static final RowMapper<Connected> AS_CONNECTED = (row, n) -> new Connected(
            GitProvider.valueOf(row.getString("provider").toUpperCase(Locale.ROOT)), row.getString("full_name"),
            row.getString("default_branch"), row.getString("name"));

    @Override
    public Optional<String> secretFor(GitProvider provider, String repositoryFullName) {
        return jdbc.sql("select webhook_secret_encrypted from repositories where provider = ? and lower(full_name) = lower(?)")
                .params(provider.id(), repositoryFullName).query(byte[].class).optional().map(cipher::decrypt);
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

    /** @return the new repository's id */
    long connect(long projectId, GitProvider provider, String fullName, String defaultBranch, String webhookSecret, long userId) {
        return jdbc.sql("""
                        insert into repositories (project_id, provider, full_name, default_branch, webhook_secret_encrypted, connected_by)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(projectId, provider.id(), fullName, defaultBranch, cipher.encrypt(webhookSecret), userId)
                .query(Long.class).single();
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

    /** The project's repositories with this name: one, or one per provider when both host a repository of that name. */
    public List<Ref> named(long projectId, String fullName) {
        return jdbc.sql("select id, project_id, provider, full_name from repositories where project_id = ? and lower(full_name) = lower(?) order by provider")
                .params(projectId, fullName).query(AS_REF).list();
    }

    List<Connected> of(long projectId) {
        return jdbc.sql(CONNECTED + "where r.project_id = ? order by r.provider, lower(r.full_name)")
                .param(projectId).query(AS_CONNECTED).list();
    }
}
