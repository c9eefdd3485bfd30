package com.ticolops.bot.project;

import com.ticolops.bot.user.AccountsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Memberships and projects of a merged user move to the kept one, keeping the higher role where both are members. */
@Component
class ProjectsOfMergedAccounts {

    private final JdbcClient jdbc;

    ProjectsOfMergedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the merge's own transaction: the merged user is deleted right after, so its rows must have moved. */
    @EventListener
    void on(AccountsMerged merge) {
        jdbc.sql("""
                insert into project_members (project_id, user_id, role)
                select project_id, ?, role from project_members where user_id = ?
                on conflict (project_id, user_id) do update set role = case
                    when 'admin' in (project_members.role, excluded.role) then 'admin'
                    when 'maintainer' in (project_members.role, excluded.role) then 'maintainer'
                    else 'member' end""").params(merge.kept(), merge.merged()).update();
        jdbc.sql("delete from project_members where user_id = ?").param(merge.merged()).update();
        jdbc.sql("update projects set created_by = ? where created_by = ?").params(merge.kept(), merge.merged()).update();
    }
}
