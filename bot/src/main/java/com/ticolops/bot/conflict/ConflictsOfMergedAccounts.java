package com.ticolops.bot.conflict;

import com.ticolops.bot.user.AccountsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Conflicts name the kept user instead of the merged one, once each; the merge itself is not news to announce. */
@Component
class ConflictsOfMergedAccounts {

    private final JdbcClient jdbc;

    ConflictsOfMergedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the merge's own transaction: the merged user is deleted right after. */
    @EventListener
    void on(AccountsMerged merge) {
        jdbc.sql("update conflict_members set person = ? where person = ?").params("user:" + merge.kept(), "user:" + merge.merged()).update();
    }
}
