package com.ticolops.bot.project;

import com.ticolops.bot.command.ProjectRef;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.bot.command.Role;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Projects, their members and the chat channels bound to them. */
@Service
public class Projects {

    private final JdbcClient jdbc;

    Projects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Member(long userId, String displayName, Role role) {
    }

    record Summary(ProjectRef project, Role role) {
    }

    record Details(ProjectRef project, String createdBy, OffsetDateTime createdAt, int members, int channels) {
    }

    Optional<ProjectRef> byName(String name) {
        return jdbc.sql("select id, name from projects where lower(name) = lower(?)").param(name).query(ProjectRef.class).optional();
    }

    ProjectRef create(String name, long creatorId) {
        long id = jdbc.sql("insert into projects (name, created_by) values (?, ?) returning id").params(name, creatorId).query(Long.class).single();
        jdbc.sql("insert into project_members (project_id, user_id, role) values (?, ?, 'admin')").params(id, creatorId).update();
        return new ProjectRef(id, name);
    }

    /** @return the project the channel followed before, if another one */
    Optional<ProjectRef> bind(Conversation conversation, ProjectRef project) {
        Optional<ProjectRef> before = projectOf(conversation).filter(previous -> previous.id() != project.id());
        jdbc.sql("""
                        insert into channels (platform, external_id, project_id) values (?, ?, ?)
                        on conflict (platform, external_id) do update set project_id = excluded.project_id, bound_at = now()""")
                .params(conversation.platform().id(), conversation.channelId(), project.id()).update();
        return before;
    }

    public Optional<ProjectRef> projectOf(Conversation conversation) {
        return jdbc.sql("select p.id, p.name from channels c join projects p on p.id = c.project_id where c.platform = ? and c.external_id = ?")
                .params(conversation.platform().id(), conversation.channelId()).query(ProjectRef.class).optional();
    }

    /** Where the project's announcements go. */
    public List<Conversation> channelsOf(long projectId) {
        return jdbc.sql("select platform, external_id from channels where project_id = ? order by platform, external_id").param(projectId)
                .query((row, n) -> new Conversation(Platform.valueOf(row.getString("platform").toUpperCase(Locale.ROOT)), row.getString("external_id")))
                .list();
    }

    Optional<Role> roleOf(long userId, long projectId) {
        return jdbc.sql("select role from project_members where project_id = ? and user_id = ?").params(projectId, userId)
                .query((row, n) -> role(row.getString("role"))).optional();
    }

    List<Summary> projectsOf(long userId) {
        return jdbc.sql("select p.id, p.name, m.role from project_members m join projects p on p.id = m.project_id where m.user_id = ? order by lower(p.name)")
                .param(userId)
                .query((row, n) -> new Summary(new ProjectRef(row.getLong("id"), row.getString("name")), role(row.getString("role"))))
                .list();
    }

    List<Member> members(long projectId) {
        return jdbc.sql("""
                        select m.user_id, u.display_name, m.role from project_members m join users u on u.id = m.user_id
                        where m.project_id = ? order by case m.role when 'admin' then 0 when 'maintainer' then 1 else 2 end, lower(u.display_name)""")
                .param(projectId)
                .query((row, n) -> new Member(row.getLong("user_id"), row.getString("display_name"), role(row.getString("role"))))
                .list();
    }

    Details details(ProjectRef project) {
        return jdbc.sql("""
                        select u.display_name, p.created_at,
                               (select count(*) from project_members where project_id = p.id) as members,
                               (select count(*) from channels where project_id = p.id) as channels
                        from projects p join users u on u.id = p.created_by where p.id = ?""")
                .param(project.id())
                .query((row, n) -> new Details(project, row.getString("display_name"), row.getObject("created_at", OffsetDateTime.class),
                        row.getInt("members"), row.getInt("channels")))
                .single();
    }

    void addMember(long projectId, long userId, Role role) {
        jdbc.sql("insert into project_members (project_id, user_id, role) values (?, ?, ?)").params(projectId, userId, role.id()).update();
    }

    void changeRole(long projectId, long userId, Role role) {
        jdbc.sql("update project_members set role = ? where project_id = ? and user_id = ?").params(role.id(), projectId, userId).update();
    }

    void removeMember(long projectId, long userId) {
        jdbc.sql("delete from project_members where project_id = ? and user_id = ?").params(projectId, userId).update();
    }

    /** Locks the project's admin rows, so two admins demoting each other at once cannot leave it with none. */
    int lockAdmins(long projectId) {
        return jdbc.sql("select user_id from project_members where project_id = ? and role = 'admin' for update").param(projectId)
                .query(Long.class).list().size();
    }

    private static Role role(String id) {
        return Role.valueOf(id.toUpperCase(Locale.ROOT));
    }
}
