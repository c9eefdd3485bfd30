package com.ticolops.bot.subscription;

import com.ticolops.bot.user.AccountsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Subscriptions made by a merged user are the kept user's now. */
@Component
class SubscriptionsOfMergedAccounts {

    private final JdbcClient jdbc;

    SubscriptionsOfMergedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the merge's own transaction: the merged user is deleted right after, so its rows must have moved. */
    @EventListener
    void on(AccountsMerged merge) {
        jdbc.sql("update subscriptions set created_by = ? where created_by = ?").params(merge.kept(), merge.merged()).update();
    }
}
