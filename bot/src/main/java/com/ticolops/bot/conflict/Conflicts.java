package com.ticolops.bot.conflict;

import com.ticolops.bot.activity.Activities;
import com.ticolops.bot.activity.Activity;
import com.ticolops.bot.project.Projects;
import com.ticolops.integrations.chat.AnnouncementRequested;
import com.ticolops.integrations.chat.AnnouncementRequested.Anchor;
import com.ticolops.integrations.chat.Conversation;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conflicts of each project: recorded and announced once when found, announced again only when their people or
 * files change, resolved when the work behind them ends. Announcements and {@link ConflictDetected} are events, so
 * nothing here waits for a chat platform.
 */
@Service
class Conflicts {

    /** Users first, by id (the order they joined Ticolops), then Git logins by name: a stable order to compare and to show. */
    private static final String PEOPLE_ORDER = "m.person not like 'user:%', case when m.person like 'user:%' then substr(m.person, 6)::bigint end, m.person collate \"C\"";
    /** A conflict's people, files and activities are its members' (of the table named {@code conflicts}, unaliased). */
    private static final String PEOPLE_AND_FILES =
            "array(select m.person from conflict_members m where m.conflict_id = conflicts.id group by m.person order by " + PEOPLE_ORDER + ") as people, "
            + "array(select m.location from conflict_members m where m.conflict_id = conflicts.id group by m.location order by m.location collate \"C\") as files";
    private static final String COLUMNS = "id, project_id, kind, key, severity, " + PEOPLE_AND_FILES + ", "
            + "array(select m.activity_id from conflict_members m where m.conflict_id = conflicts.id order by m.activity_id) as activity_ids, "
            + "opened_at, dismissed_at is not null as dismissed, announced_at, announced_people";

    private final JdbcClient jdbc;
    private final Activities activities;
    private final Projects projects;
    private final ConflictMessages messages;
    private final ConflictProperties properties;
    private final ApplicationEventPublisher events;

    Conflicts(JdbcClient jdbc, Activities activities, Projects projects, ConflictMessages messages, ConflictProperties properties,
              ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.activities = activities;
        this.projects = projects;
        this.messages = messages;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Records a batch's candidates: those whose conflict is open join it, all in one statement; the others open theirs
     * one by one. Joining only adds: who left is taken out by the next recheck (every 30 s, and when work ends).
     */
    @Transactional
    void recordAll(long projectId, List<Candidate> candidates) {
        Set<String> open = openOf(projectId, candidates.stream().map(Candidate::kind).toList(), candidates.stream().map(Candidate::key).toList());
        join(projectId, candidates.stream().filter(c -> open.contains(c.kind().id() + ":" + c.key())).toList());
        candidates.stream().filter(c -> !open.contains(c.kind().id() + ":" + c.key())).forEach(c -> open(projectId, c));
    }

    /** Opens the candidate's conflict; when it is open by now, joins it. */
    private void open(long projectId, Candidate candidate) {
        if (candidate.activities().stream().map(activity -> activity.person().key()).distinct().count() < 2) {
            // Someone joining a conflict that was resolved meanwhile: alone, there is nothing to open.
            return;
        }
        Optional<Long> opened = jdbc.sql("""
                        insert into conflicts (project_id, kind, key, severity) values (?, ?, ?, ?)
                        on conflict (project_id, kind, key) where resolved_at is null do nothing returning id""")
                .params(projectId, candidate.kind().id(), candidate.key(), candidate.severity().id()).query(Long.class).optional();
        if (opened.isEmpty()) {
            join(projectId, List.of(candidate));
            return;
        }
        addMembers(projectId, List.of(candidate));
        Conflict conflict = find(opened.get()).orElseThrow();
        show(conflict);
        tell(conflict, userIds(conflict.people()));
    }

    /** A member a join added: whether their person or file is new to the conflict. */
    private record Added(long conflictId, Kind kind, Instant announcedAt, String person, boolean newPerson, boolean newFile) {
    }

    /**
     * Adds the candidates' activities to their open conflicts and raises their severity, then shows the channels and
     * tells the people what changed: who joined, or everyone when it became more severe.
     */
    private void join(long projectId, List<Candidate> joining) {
        if (joining.isEmpty()) {
            return;
        }
        List<Added> added = addMembers(projectId, joining);
        Map<Long, Set<String>> newcomers = new TreeMap<>();
        Set<Long> changed = new TreeSet<>();
        Map<Long, Instant> announced = new HashMap<>();
        for (Added member : added) {
            // Related work is nobody's personal notification (see tell): its newcomers need not be read back.
            if (member.newPerson() && member.kind() != Kind.RELATED) {
                newcomers.computeIfAbsent(member.conflictId(), id -> new LinkedHashSet<>()).add(member.person());
            }
            if (member.newPerson() || member.newFile()) {
                changed.add(member.conflictId());
            }
            announced.put(member.conflictId(), member.announcedAt());
        }
        record Raised(long id, Instant announcedAt) {
        }
        List<Raised> raised = jdbc.sql("""
                        update conflicts c set severity = j.severity, updated_at = now()
                          from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[])) as j(kind, key, severity)
                         where c.project_id = ? and c.kind = j.kind and c.key = j.key and c.resolved_at is null
                           and array_position(array['low', 'medium', 'high'], j.severity) > array_position(array['low', 'medium', 'high'], c.severity)
                        returning c.id, c.announced_at""")
                .params(textArray(joining.stream().map(c -> c.kind().id()).toList()), textArray(joining.stream().map(Candidate::key).toList()),
                        textArray(joining.stream().map(c -> c.severity().id()).toList()), projectId)
                .query((row, n) -> new Raised(row.getLong("id"), row.getTimestamp("announced_at").toInstant())).list();
        Set<Long> moreSevere = new HashSet<>();
        for (Raised conflict : raised) {
            moreSevere.add(conflict.id());
            announced.put(conflict.id(), conflict.announcedAt());
        }
        changed.addAll(moreSevere);
        Instant shownBefore = Instant.now().minus(properties.reannounceAfter());
        for (long id : changed) {
            // Read again only what has something to show or tell: a crowded heads-up's join is a row added, nothing more.
            Optional<Conflict> conflict = Optional.empty();
            boolean due = !announced.get(id).isAfter(shownBefore);
            if (due) {
                conflict = find(id);
                conflict.filter(c -> c.people().size() > 1).ifPresent(this::show);
            }
            List<String> toTell = moreSevere.contains(id) ? null : List.copyOf(newcomers.getOrDefault(id, Set.of()));
            if (toTell == null || !toTell.isEmpty()) {
                conflict = conflict.isPresent() ? conflict : find(id);
                conflict.filter(c -> c.people().size() > 1 && c.kind() != Kind.RELATED)
                        .ifPresent(c -> tell(c, userIds(toTell == null ? c.people() : toTell)));
            }
        }
    }

    /** Inserts the candidates' activities as members of their open conflicts; @return those that were not members yet */
    private List<Added> addMembers(long projectId, List<Candidate> candidates) {
        List<String> kinds = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> persons = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (Candidate candidate : candidates) {
            for (Activity activity : candidate.activities()) {
                kinds.add(candidate.kind().id());
                keys.add(candidate.key());
                persons.add(activity.person().key());
                files.add(activity.location());
                ids.add(activity.id());
            }
        }
        // The outer select sees the members as they were before the insert (a data-modifying CTE's rows are not visible
        // to the rest of its statement): what is new to each conflict.
        return jdbc.sql("""
                        with joining as (
                            select distinct c.id as conflict_id, c.kind, c.announced_at, j.activity_id, j.person, j.file
                              from unnest(cast(:kinds as text[]), cast(:keys as text[]), cast(:persons as text[]), cast(:files as text[]),
                                          cast(:ids as bigint[])) as j(kind, key, person, file, activity_id)
                              join conflicts c on c.project_id = :project and c.kind = j.kind and c.key = j.key and c.resolved_at is null),
                        added as (
                            insert into conflict_members (conflict_id, activity_id, person, location)
                            select conflict_id, activity_id, person, file from joining on conflict do nothing
                            returning conflict_id, person, location)
                        select a.conflict_id, j.kind, j.announced_at, a.person,
                               not exists (select 1 from conflict_members m where m.conflict_id = a.conflict_id and m.person = a.person) as new_person,
                               not exists (select 1 from conflict_members m where m.conflict_id = a.conflict_id and m.location = a.location) as new_file
                          from added a join lateral (select kind, announced_at from joining j where j.conflict_id = a.conflict_id limit 1) j on true
                         order by a.conflict_id, a.person""")
                .param("kinds", textArray(kinds)).param("keys", textArray(keys)).param("persons", textArray(persons))
                .param("files", textArray(files)).param("ids", longArray(ids)).param("project", projectId)
                .query((row, n) -> new Added(row.getLong("conflict_id"), Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)),
                        row.getTimestamp("announced_at").toInstant(), row.getString("person"),
                        row.getBoolean("new_person"), row.getBoolean("new_file")))
                .list();
    }

    /** Resolves the conflict when fewer than two people are still at the work behind it; otherwise keeps who still is. */
    @Transactional
    void recheck(long conflictId) {
        // "No key update": a join's insert of a member (whose foreign key share-locks the conflict) need not wait for it.
        Optional<Kind> kind = jdbc.sql("select kind from conflicts where id = ? and resolved_at is null for no key update skip locked")
                .param(conflictId).query((row, n) -> Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT))).optional();
        if (kind.isEmpty()) {
            return;
        }
        record Member(long activityId, String person) {
        }
        List<Member> members = jdbc.sql("select activity_id, person from conflict_members where conflict_id = ?").param(conflictId)
                .query((row, n) -> new Member(row.getLong("activity_id"), row.getString("person"))).list();
        Set<Long> live = activities.liveIds(members.stream().map(Member::activityId).toList(), window(kind.get()));
        if (members.stream().filter(member -> live.contains(member.activityId())).map(Member::person).distinct().count() > 1) {
            if (live.size() < members.size()) {
                // Who left is no longer listed; the sweep shows the channels the change.
                jdbc.sql("delete from conflict_members where conflict_id = ? and activity_id <> all(cast(? as bigint[]))")
                        .params(conflictId, longArray(List.copyOf(live))).update();
            }
            return;
        }
        Conflict conflict = find(conflictId).orElseThrow();
        jdbc.sql("update conflicts set resolved_at = now(), updated_at = now() where id = ?").param(conflictId).update();
        if (!conflict.dismissed()) {
            for (Conversation channel : projects.channelsOf(conflict.projectId())) {
                events.publishEvent(new AnnouncementRequested(channel, messages.resolved(conflict, channel.platform()),
                        Anchor.primary(anchor(conflict), Instant.now())));
            }
        }
        events.publishEvent(new ConflictResolved(conflict.id(), conflict.projectId(), userIds(conflict.people())));
    }

    /** The open conflicts that changed since their channels were last shown them, and were shown long enough ago. */
    List<Long> dueForAnnouncement() {
        return jdbc.sql("""
                        select id from (select id, announced_people, announced_files, """ + PEOPLE_AND_FILES + """
                                          from conflicts where resolved_at is null and dismissed_at is null and announced_at <= ?) as shown
                         where people <> announced_people or files <> announced_files order by id""")
                .param(Timestamp.from(Instant.now().minus(properties.reannounceAfter()))).query(Long.class).list();
    }

    /** Shows the conflict's channels what changed since they were last shown it, unless another replica is at it. */
    @Transactional
    void announceChanges(long conflictId) {
        jdbc.sql("select " + COLUMNS + " from conflicts where id = ? and resolved_at is null for no key update skip locked").param(conflictId)
                .query(Conflicts::conflict).optional().ifPresent(this::show);
    }

    /** Of these keys, those with an open conflict of the kind. */
    Set<String> openKeys(long projectId, Kind kind, List<String> keys) {
        return openOf(projectId, Collections.nCopies(keys.size(), kind), keys).stream()
                .map(open -> open.substring(kind.id().length() + 1)).collect(Collectors.toSet());
    }

    /** Of these kinds and keys (pairwise), those with an open conflict, as {@code kind:key}. */
    private Set<String> openOf(long projectId, List<Kind> kinds, List<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        select kind || ':' || key from conflicts c join unnest(cast(? as text[]), cast(? as text[])) as k(kind, key) using (kind, key)
                         where c.project_id = ? and c.resolved_at is null""")
                .params(textArray(kinds.stream().map(Kind::id).toList()), textArray(keys), projectId).query(String.class).list());
    }

    List<Long> openIn(long projectId) {
        return jdbc.sql("select id from conflicts where project_id = ? and resolved_at is null order by id").param(projectId).query(Long.class).list();
    }

    List<Long> open() {
        return jdbc.sql("select id from conflicts where resolved_at is null order by id").query(Long.class).list();
    }

    /** The project's open conflicts that nobody dismissed, most severe first. */
    List<Conflict> listed(long projectId) {
        return jdbc.sql("select " + COLUMNS + " " + """
                        from conflicts where project_id = ? and resolved_at is null and dismissed_at is null
                        order by case severity when 'high' then 0 when 'medium' then 1 else 2 end, id""")
                .param(projectId).query(Conflicts::conflict).list();
    }

    /** Silences a conflict: it is no longer listed or announced. @throws ConflictException NOT_FOUND when not open in this project */
    @Transactional
    Conflict dismiss(long projectId, long conflictId) {
        Conflict conflict = jdbc.sql("select " + COLUMNS + " from conflicts where id = ? and project_id = ? and resolved_at is null and dismissed_at is null")
                .params(conflictId, projectId).query(Conflicts::conflict).optional()
                .orElseThrow(() -> new ConflictException(ConflictException.Reason.NOT_FOUND, conflictId));
        jdbc.sql("update conflicts set dismissed_at = now(), updated_at = now() where id = ?").param(conflictId).update();
        return conflict;
    }

    /** Posts the conflict to its channels, or edits it there with a reply under it mentioning who joined since. */
    private void show(Conflict conflict) {
        if (conflict.dismissed()) {
            return;
        }
        List<String> joined = conflict.announcedPeople().isEmpty() ? List.of()
                : conflict.people().stream().filter(person -> !conflict.announcedPeople().contains(person)).toList();
        Instant now = Instant.now();
        for (Conversation channel : projects.channelsOf(conflict.projectId())) {
            var message = messages.announcement(conflict, channel.platform());
            events.publishEvent(new AnnouncementRequested(channel, message, Anchor.primary(anchor(conflict), now)));
            if (!joined.isEmpty()) {
                // The message above is edited in place, which notifies nobody; the reply under it mentions who joined.
                events.publishEvent(new AnnouncementRequested(channel, messages.joined(conflict, joined, channel.platform()), Anchor.thread(anchor(conflict))));
            }
        }
        jdbc.sql("update conflicts set announced_at = now(), announced_people = cast(? as text[]), announced_files = cast(? as text[]) where id = ?")
                .params(textArray(conflict.people()), textArray(conflict.files()), conflict.id()).update();
    }

    /**
     * Tells these users directly: everyone when it is found or more severe, otherwise whoever just joined. Related work
     * (other files of one directory) is a chance to talk, not a conflict: its channel message mentions who is in it, and
     * nobody gets a personal notification for it, which in a busy directory would reach everyone who opens a file there.
     */
    private void tell(Conflict conflict, List<Long> toTell) {
        if (!conflict.dismissed() && conflict.kind() != Kind.RELATED && !toTell.isEmpty()) {
            events.publishEvent(new ConflictDetected(conflict.id(), conflict.projectId(), conflict.kind(), conflict.severity(),
                    userIds(conflict.people()), conflict.people().stream().filter(p -> !p.startsWith("user:")).toList(), conflict.files(),
                    messages.sentence(conflict), toTell));
        }
    }

    Optional<Conflict> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from conflicts where id = ?").param(id).query(Conflicts::conflict).optional();
    }

    /** Concurrent and related work lasts while people are seen; diverging work, while its branches are unmerged. */
    private Optional<Instant> window(Kind kind) {
        return kind == Kind.DIVERGING ? Optional.empty() : Optional.of(Instant.now().minus(properties.window()));
    }

    private static String anchor(Conflict conflict) {
        return "ticolops:conflict:" + conflict.id();
    }

    static List<Long> userIds(List<String> people) {
        return people.stream().filter(p -> p.startsWith("user:")).map(p -> Long.parseLong(p.substring(5))).toList();
    }

    private static String textArray(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").collect(Collectors.joining(",", "{", "}"));
    }

    private static String longArray(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    private static Conflict conflict(ResultSet row, int n) throws SQLException {
        return new Conflict(row.getLong("id"), row.getLong("project_id"), Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)),
                row.getString("key"), Severity.valueOf(row.getString("severity").toUpperCase(Locale.ROOT)), strings(row.getArray("people")),
                strings(row.getArray("files")), longs(row.getArray("activity_ids")), row.getTimestamp("opened_at").toInstant(),
                row.getBoolean("dismissed"), row.getTimestamp("announced_at").toInstant(), strings(row.getArray("announced_people")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static List<Long> longs(Array array) throws SQLException {
        return new ArrayList<>(Arrays.asList((Long[]) array.getArray()));
    }
}
