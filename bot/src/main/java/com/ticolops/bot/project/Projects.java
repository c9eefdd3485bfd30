package com.ticolops.bot.project;

import com.ticolops.bot.command.ProjectRef;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.bot.command.Role;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects, their members and the chat channels bound to them. The use cases (create, use, add, change role, remove)
 * check the rules and throw {@link ProjectException}; chat commands, REST and pages call them alike.
 */
@Service
public class Projects {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    private final JdbcClient jdbc;

    Projects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Member(long userId, String displayName, Role role) {
    }

    public record Summary(ProjectRef project, Role role) {
    }

    record Details(ProjectRef project, String createdBy, OffsetDateTime createdAt, int members, int channels, ZoneId timeZone) {
    }

    /** @param previous the project the channel followed before, if another one */
    record Created(ProjectRef project, Optional<ProjectRef> previous) {
    }

    /** Creates a project with its creator as admin, and makes the conversation follow it. */
    @Transactional
    public Created create(String name, long creatorId, Conversation conversation) {
        if (!NAME.matcher(name).matches()) {
            throw new ProjectException(ProjectException.Reason.INVALID_NAME, name);
        }
        Optional<ProjectRef> existing = byName(name);
        if (existing.isPresent()) {
            boolean admin = roleOf(creatorId, existing.get().id()).filter(role -> role == Role.ADMIN).isPresent();
            throw admin ? new ProjectException(ProjectException.Reason.ALREADY_YOURS, existing.get().name())
                    : new ProjectException(ProjectException.Reason.NAME_TAKEN, name);
        }
        long id = jdbc.sql("insert into projects (name, created_by) values (?, ?) returning id").params(name, creatorId).query(Long.class).single();
        jdbc.sql("insert into project_members (project_id, user_id, role) values (?, ?, 'admin')").params(id, creatorId).update();
        ProjectRef project = new ProjectRef(id, name);
        return new Created(project, bind(conversation, project));
    }

    /** @param alreadyFollowed whether the conversation followed the project before */
    record Used(ProjectRef project, boolean alreadyFollowed) {
    }

    /** Makes the conversation follow one of the user's projects. */
    @Transactional
    public Used use(String name, long userId, Conversation conversation) {
        ProjectRef project = byName(name).filter(p -> roleOf(userId, p.id()).isPresent())
                .orElseThrow(() -> new ProjectException(ProjectException.Reason.NOT_YOURS, name));
        if (projectOf(conversation).filter(current -> current.id() == project.id()).isPresent()) {
            return new Used(project, true);
        }
        bind(conversation, project);
        return new Used(project, false);
    }

    @Transactional
    public void addMember(ProjectRef project, long userId, Role role) {
        roleOf(userId, project.id()).ifPresent(current -> {
            throw new ProjectException(ProjectException.Reason.ALREADY_MEMBER, project.name(), current);
        });
        jdbc.sql("insert into project_members (project_id, user_id, role) values (?, ?, ?)").params(project.id(), userId, role.id()).update();
    }

    /** @return the role the member had before; the same as {@code role} when nothing changed */
    @Transactional
    public Role changeRole(ProjectRef project, long userId, Role role) {
        int admins = lockAdmins(project.id());
        Role current = roleOf(userId, project.id()).orElseThrow(() -> new ProjectException(ProjectException.Reason.NOT_A_MEMBER, project.name()));
        if (current == role) {
            return current;
        }
        if (current == Role.ADMIN && admins == 1) {
            throw new ProjectException(ProjectException.Reason.ONLY_ADMIN, project.name(), current);
        }
        jdbc.sql("update project_members set role = ? where project_id = ? and user_id = ?").params(role.id(), project.id(), userId).update();
        return current;
    }

    @Transactional
    public void removeMember(ProjectRef project, long userId) {
        int admins = lockAdmins(project.id());
        Role current = roleOf(userId, project.id()).orElseThrow(() -> new ProjectException(ProjectException.Reason.NOT_A_MEMBER, project.name()));
        if (current == Role.ADMIN && admins == 1) {
            throw new ProjectException(ProjectException.Reason.ONLY_ADMIN, project.name(), current);
        }
        jdbc.sql("delete from project_members where project_id = ? and user_id = ?").params(project.id(), userId).update();
    }

    public Optional<ProjectRef> byName(String name) {
        return jdbc.sql("select id, name from projects where lower(name) = lower(?)").param(name).query(ProjectRef.class).optional();
    }

    /** @return the project the channel followed before, if another one */
    private Optional<ProjectRef> bind(Conversation conversation, ProjectRef project) {
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

    public Optional<Role> roleOf(long userId, long projectId) {
        return jdbc.sql("select role from project_members where project_id = ? and user_id = ?").params(projectId, userId)
                .query((row, n) -> role(row.getString("role"))).optional();
    }

    public List<Summary> projectsOf(long userId) {
        return jdbc.sql("select p.id, p.name, m.role from project_members m join projects p on p.id = m.project_id where m.user_id = ? order by lower(p.name)")
                .param(userId)
                .query((row, n) -> new Summary(new ProjectRef(row.getLong("id"), row.getString("name")), role(row.getString("role"))))
                .list();
    }

    public List<Member> members(long projectId) {
        return jdbc.sql("""
                        select m.user_id, u.display_name, m.role from project_members m join users u on u.id = m.user_id
                        where m.project_id = ? order by case m.role when 'admin' then 0 when 'maintainer' then 1 else 2 end, lower(u.display_name)""")
                .param(projectId)
                .query((row, n) -> new Member(row.getLong("user_id"), row.getString("display_name"), role(row.getString("role"))))
                .list();
    }

    /** The chat channels that follow the project, where its announcements go. */
    public List<Conversation> channelsOf(long projectId) {
        return jdbc.sql("select platform, external_id from channels where project_id = ? order by platform, external_id").param(projectId)
                .query((row, n) -> new Conversation(Platform.valueOf(row.getString("platform").toUpperCase(Locale.ROOT)), row.getString("external_id")))
                .list();
    }

    public Optional<ProjectRef> named(String name) {
        return byName(name);
    }

    /** The zone the project's freeze windows are read in; UTC until an admin names another. */
    public ZoneId timeZone(long projectId) {
        return ZoneId.of(jdbc.sql("select time_zone from projects where id = ?").param(projectId).query(String.class).single());
    }

    /** @throws ProjectException UNKNOWN_ZONE when {@code zoneId} is not a time zone name (or offset) Java knows */
    public ZoneId setTimeZone(ProjectRef project, String zoneId) {
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId.strip());
        } catch (DateTimeException e) {
            throw new ProjectException(ProjectException.Reason.UNKNOWN_ZONE, project.name(), zoneId);
        }
        jdbc.sql("update projects set time_zone = ? where id = ?").params(zone.getId(), project.id()).update();
        return zone;
    }

    Details details(ProjectRef project) {
        return jdbc.sql("""
                        select u.display_name, p.created_at, p.time_zone,
                               (select count(*) from project_members where project_id = p.id) as members,
                               (select count(*) from channels where project_id = p.id) as channels
                        from projects p join users u on u.id = p.created_by where p.id = ?""")
                .param(project.id())
                .query((row, n) -> new Details(project, row.getString("display_name"), row.getObject("created_at", OffsetDateTime.class),
                        row.getInt("members"), row.getInt("channels"), ZoneId.of(row.getString("time_zone"))))
                .single();
    }

    /** Locks the project's admin rows, so two admins demoting each other at once cannot leave it with none. */
    private int lockAdmins(long projectId) {
        return jdbc.sql("select user_id from project_members where project_id = ? and role = 'admin' for update").param(projectId)
                .query(Long.class).list().size();
    }

    private static Role role(String id) {
        return Role.valueOf(id.toUpperCase(Locale.ROOT));
    }
}
