package com.ticolops.bot.activity;

import com.ticolops.bot.user.AccountsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged user's presence and activities become the kept user's. The kept user's own time zone wins; where both
 * worked at the same place the kept user's row stays, and the merged one's goes with its user (on delete cascade).
 */
@Component
class ActivityOfMergedAccounts {

    private final JdbcClient jdbc;

    ActivityOfMergedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the merge's own transaction: the merged user is deleted right after. */
    @EventListener
    void on(AccountsMerged merge) {
        jdbc.sql("""
                insert into presence (user_id, last_seen_at, time_zone) select ?, last_seen_at, time_zone from presence where user_id = ?
                on conflict (user_id) do update set time_zone = coalesce(presence.time_zone, excluded.time_zone),
                    last_seen_at = greatest(presence.last_seen_at, excluded.last_seen_at)""").params(merge.kept(), merge.merged()).update();
        String kept = Person.user(merge.kept()).key();
        jdbc.sql("""
                update activities a set user_id = ?, person = ? where a.person = ? and not exists (
                    select 1 from activities k where k.project_id = a.project_id and k.person = ? and k.location = a.location
                    and k.repository = a.repository and k.branch = a.branch)""")
                .params(merge.kept(), kept, Person.user(merge.merged()).key(), kept).update();
    }
}
