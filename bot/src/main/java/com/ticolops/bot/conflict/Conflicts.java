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
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    private static final String COLUMNS = "id, project_id, kind, key, severity, people, files, activity_ids, opened_at, dismissed_at is not null as dismissed, "
            + "announced_at, announced_people";

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

    /** Opens the candidate's conflict, or adds its people and files to the open one of the same kind and key. */
    @Transactional
    void record(long projectId, Candidate candidate) {
        List<Long> ids = candidate.activities().stream().map(Activity::id).distinct().sorted().toList();
        // The open one first: once a conflict exists, every further activity in it is an update.
        Optional<Conflict> existing = openForUpdate(projectId, candidate);
        if (existing.isEmpty()) {
            if (people(candidate.activities()).size() < 2) {
                // Someone joining a conflict that was resolved meanwhile: alone, there is nothing to open.
                return;
            }
            Optional<Conflict> opened = jdbc.sql("""
                            insert into conflicts (project_id, kind, key, severity, people, files, activity_ids)
                            values (?, ?, ?, ?, cast(? as text[]), cast(? as text[]), cast(? as bigint[]))
                            on conflict (project_id, kind, key) where resolved_at is null do nothing returning\s""" + COLUMNS)
                    .params(projectId, candidate.kind().id(), candidate.key(), candidate.severity().id(), textArray(people(candidate.activities())),
                            textArray(files(candidate.activities())), longArray(ids))
                    .query(Conflicts::conflict).optional();
            if (opened.isPresent()) {
                show(opened.get());
                tell(opened.get(), userIds(opened.get().people()));
                return;
            }
            existing = openForUpdate(projectId, candidate);
        }
        Conflict open = existing.orElseThrow();
        // Joining only adds: who left is taken out by the next recheck (every 30 s, and when work ends). Reading every
        // activity of a crowded directory's conflict at each join made an activity's cost grow with the crowd.
        TreeSet<Long> allIds = new TreeSet<>(open.activityIds());
        allIds.addAll(ids);
        List<String> people = Stream.concat(open.people().stream(), people(candidate.activities()).stream()).distinct().sorted(PEOPLE).toList();
        List<String> files = Stream.concat(open.files().stream(), files(candidate.activities()).stream()).distinct().sorted().toList();
        Severity severity = candidate.severity().compareTo(open.severity()) > 0 ? candidate.severity() : open.severity();
        boolean changed = !people.equals(open.people()) || !files.equals(open.files()) || severity != open.severity();
        if (!changed && allIds.size() == open.activityIds().size()) {
            return;
        }
        Conflict now = jdbc.sql("""
                        update conflicts set severity = ?, people = cast(? as text[]), files = cast(? as text[]), activity_ids = cast(? as bigint[]),
                                             updated_at = now() where id = ? returning\s""" + COLUMNS)
                .params(severity.id(), textArray(people), textArray(files), longArray(List.copyOf(allIds)), open.id())
                .query(Conflicts::conflict).single();
        if (changed && people.size() > 1) {
            if (!open.announcedAt().isAfter(Instant.now().minus(properties.reannounceAfter()))) {
                show(now);
            }
            boolean moreSevere = severity.compareTo(open.severity()) > 0;
            tell(now, userIds(moreSevere ? people : people.stream().filter(person -> !open.people().contains(person)).toList()));
        }
    }

    private Optional<Conflict> openForUpdate(long projectId, Candidate candidate) {
        return jdbc.sql("select " + COLUMNS + " from conflicts where project_id = ? and kind = ? and key = ? and resolved_at is null for update")
                .params(projectId, candidate.kind().id(), candidate.key()).query(Conflicts::conflict).optional();
    }

    /** Resolves the conflict when fewer than two people are still at the work behind it; otherwise keeps who still is. */
    @Transactional
    void recheck(long conflictId) {
        Optional<Conflict> found = jdbc.sql("select " + COLUMNS + " from conflicts where id = ? and resolved_at is null for update skip locked")
                .param(conflictId).query(Conflicts::conflict).optional();
        if (found.isEmpty()) {
            return;
        }
        Conflict conflict = found.get();
        List<Activity> live = activities.live(conflict.activityIds(), window(conflict.kind()));
        if (people(live).size() > 1) {
            List<Long> liveIds = live.stream().map(Activity::id).sorted().toList();
            if (!liveIds.equals(conflict.activityIds())) {
                // Who left is no longer listed; the sweep shows the channels the change.
                jdbc.sql("update conflicts set activity_ids = cast(? as bigint[]), people = cast(? as text[]), files = cast(? as text[]) where id = ?")
                        .params(longArray(liveIds), textArray(people(live)), textArray(files(live)), conflictId).update();
            }
            return;
        }
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
                        select id from conflicts where resolved_at is null and dismissed_at is null and announced_at <= ?
                           and (people <> announced_people or files <> announced_files) order by id""")
                .param(Timestamp.from(Instant.now().minus(properties.reannounceAfter()))).query(Long.class).list();
    }

    /** Shows the conflict's channels what changed since they were last shown it, unless another replica is at it. */
    @Transactional
    void announceChanges(long conflictId) {
        jdbc.sql("select " + COLUMNS + " from conflicts where id = ? and resolved_at is null for update skip locked").param(conflictId)
                .query(Conflicts::conflict).optional().ifPresent(this::show);
    }

    boolean isOpen(long projectId, Kind kind, String key) {
        return jdbc.sql("select exists (select 1 from conflicts where project_id = ? and kind = ? and key = ? and resolved_at is null)")
                .params(projectId, kind.id(), key).query(Boolean.class).single();
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
        jdbc.sql("update conflicts set announced_at = now(), announced_people = people, announced_files = files where id = ?").param(conflict.id()).update();
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

    /** Users in the order they joined Ticolops, then Git logins by name: a stable order to compare and to show. */
    private static final Comparator<String> PEOPLE = Comparator.comparing((String key) -> !key.startsWith("user:"))
            .thenComparing(key -> key.startsWith("user:") ? Long.parseLong(key.substring(5)) : 0L)
            .thenComparing(Comparator.naturalOrder());

    static List<String> people(Collection<Activity> activities) {
        return activities.stream().map(a -> a.person().key()).distinct().sorted(PEOPLE).toList();
    }

    static List<String> files(Collection<Activity> activities) {
        return activities.stream().map(Activity::location).distinct().sorted().toList();
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
