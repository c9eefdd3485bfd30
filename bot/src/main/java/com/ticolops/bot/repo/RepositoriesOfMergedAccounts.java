package com.ticolops.bot.repo;

import com.ticolops.bot.user.AccountsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Repositories connected and tokens set by a merged user are the kept user's now. */
@Component
class RepositoriesOfMergedAccounts {

    private final JdbcClient jdbc;

    RepositoriesOfMergedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the merge's own transaction: the merged user is deleted right after, so its rows must have moved. */
    @EventListener
    void on(AccountsMerged merge) {
        jdbc.sql("update repositories set connected_by = ? where connected_by = ?").params(merge.kept(), merge.merged()).update();
        jdbc.sql("update git_access_tokens set set_by = ? where set_by = ?").params(merge.kept(), merge.merged()).update();
    }
}
