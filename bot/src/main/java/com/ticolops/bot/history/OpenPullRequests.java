package com.ticolops.bot.history;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The pull (merge) requests of a repository that are still open, as their webhooks left them. */
@Service
public class OpenPullRequests {

    private final JdbcClient jdbc;

    OpenPullRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record OpenPullRequest(int number, String title, String author, String sourceBranch) {
    }

    /** The open requests that target the branch, newest first, at most {@code limit}. */
    public List<OpenPullRequest> into(long repositoryId, String targetBranch, int limit) {
        return jdbc.sql("""
                        select number, title, author, source_branch from pull_requests
                        where repository_id = ? and target_branch = ? and state = 'open' order by number desc limit ?""")
                .params(repositoryId, targetBranch, limit)
                .query((row, n) -> new OpenPullRequest(row.getInt("number"), row.getString("title"), row.getString("author"),
                        row.getString("source_branch")))
                .list();
    }
}
