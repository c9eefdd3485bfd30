package com.ticolops.bot.repo;

import com.ticolops.bot.crypto.SecretCipher;
import com.ticolops.integrations.git.GitProvider;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** API tokens set with {@code /ticolops repo token}, kept encrypted; a repository's own token wins over its project's. */
@Service
class AccessTokens {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    AccessTokens(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** @param repository a repository's full name, or null for all of the project's repositories on that host */
    void store(long projectId, GitProvider provider, String apiUrl, String repository, String token, long userId) {
        jdbc.sql("""
                        insert into git_access_tokens (project_id, provider, api_url, repository, token_encrypted, set_by) values (?, ?, ?, ?, ?, ?)
                        on conflict (project_id, provider, api_url, lower(coalesce(repository, '')))
                        do update set token_encrypted = excluded.token_encrypted, set_by = excluded.set_by, set_at = now()""")
                .params(projectId, provider.id(), apiUrl, repository, cipher.encrypt(token), userId).update();
    }

    Optional<String> find(long projectId, GitProvider provider, String apiUrl, String repository) {
        return jdbc.sql("""
                        select token_encrypted from git_access_tokens where project_id = ? and provider = ? and api_url = ?
                        and (lower(repository) = lower(?) or repository is null) order by repository nulls last limit 1""")
                .params(projectId, provider.id(), apiUrl, repository).query(byte[].class).optional().map(cipher::decrypt);
    }

    void forgetRepository(long projectId, GitProvider provider, String repository) {
        jdbc.sql("delete from git_access_tokens where project_id = ? and provider = ? and lower(repository) = lower(?)")
                .params(projectId, provider.id(), repository).update();
    }
}
