package com.ticolops.bot.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The pull (merge) requests of a repository that are still open, as their webhooks left them. */
@Service
public class OpenPullRequests {

    private static final String COLUMNS = "number, title, author, source_branch, target_branch";

    private final JdbcClient jdbc;

    OpenPullRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record OpenPullRequest(int number, String title, String author, String sourceBranch, String targetBranch) {
    }

    /** The newest open pull request from {@code branch}, if any. */
    public Optional<OpenPullRequest> from(long repositoryId, String branch) {
        return jdbc.sql("select " + COLUMNS + " from pull_requests where repository_id = ? and source_branch = ? and state = 'open' order by number desc limit 1")
                .params(repositoryId, branch).query(OpenPullRequests::row).optional();
    }

    /** The open requests that target the branch, newest first, at most {@code limit}. */
    public List<OpenPullRequest> into(long repositoryId, String targetBranch, int limit) {
        return jdbc.sql("select " + COLUMNS + " from pull_requests where repository_id = ? and target_branch = ? and state = 'open' order by number desc limit ?")
                .params(repositoryId, targetBranch, limit).query(OpenPullRequests::row).list();
    }

    private static OpenPullRequest row(ResultSet row, int n) throws SQLException {
        return new OpenPullRequest(row.getInt("number"), row.getString("title"), row.getString("author"), row.getString("source_branch"),
                row.getString("target_branch"));
    }
}
