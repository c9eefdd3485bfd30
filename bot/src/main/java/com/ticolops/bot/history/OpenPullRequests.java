package com.ticolops.bot.history;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The open pull (merge) requests kept in {@code pull_requests}, for modules that act on a branch's request. */
@Service
public class OpenPullRequests {

    private final JdbcClient jdbc;

    OpenPullRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An open pull request: its number and the branch it targets. */
    public record OpenPullRequest(int number, String targetBranch) {
    }

    /** The newest open pull request from {@code branch}, if any. */
    public Optional<OpenPullRequest> from(long repositoryId, String branch) {
        return jdbc.sql("""
                        select number, target_branch from pull_requests where repository_id = ? and source_branch = ? and state = 'open'
                        order by number desc limit 1""")
                .params(repositoryId, branch).query((row, n) -> new OpenPullRequest(row.getInt("number"), row.getString("target_branch"))).optional();
    }
}
