package com.ticolops.bot.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records who works where and answers who else is near a location. Every question is an index probe on the
 * activities table (by location and its prefixes, by directory, by branch) bounded by a time window, so its cost grows
 * with the people at work now, never with history.
 */
@Service
public class Activities {

    static final int MAX_LOCATION = 500;
    private static final String COLUMNS = "id, project_id, user_id, person, location, type, source, repository, branch, pull_request, started_at, last_seen_at";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Activities(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** What is being worked on, as a person names it: free text, trimmed, without a leading {@code ./} or {@code /}. */
    static String location(String text) {
        String location = text.strip().replaceFirst("^(\\./|/)+", "").replaceFirst("/+$", "");
        if (location.isEmpty()) {
            throw new ActivityException(ActivityException.Reason.EMPTY_LOCATION, text);
        }
        if (location.length() > MAX_LOCATION) {
            throw new ActivityException(ActivityException.Reason.LOCATION_TOO_LONG, Integer.toString(location.length()));
        }
        return location;
    }

    /** The directory a location lies in; empty for one at the top. */
    public static String directory(String location) {
        int slash = location.lastIndexOf('/');
        return slash < 0 ? "" : location.substring(0, slash);
    }

    /**
     * Records (or refreshes) a person's work at each location and publishes {@link ActivityRecorded}. Locations must
     * have been through {@link #location(String)}.
     */
    @Transactional
    public List<Activity> record(long projectId, Person person, Collection<String> locations, ActivityType type, Source source,
                                 String repository, String branch, Integer pullRequest) {
        List<Activity> recorded = new ArrayList<>();
        for (String location : locations) {
            recorded.add(jdbc.sql("""
                            insert into activities (project_id, user_id, person, location, directory, type, source, repository, branch, pull_request)
                            values (:project, :user, :person, :location, :directory, :type, :source, :repository, :branch, :pr)
                            on conflict (project_id, person, location, repository, branch) do update set
                                type = excluded.type, source = excluded.source, pull_request = coalesce(excluded.pull_request, activities.pull_request),
                                started_at = case when activities.ended_at is null then activities.started_at else now() end,
                                last_seen_at = now(), ended_at = null
                            returning\s""" + COLUMNS)
                    .param("project", projectId).param("user", person.userId()).param("person", person.key()).param("location", location)
                    .param("directory", directory(location)).param("type", type.id()).param("source", source.id())
                    .param("repository", repository == null ? "" : repository).param("branch", branch == null ? "" : branch)
                    .param("pr", pullRequest)
                    .query(Activities::activity).single());
        }
        if (!recorded.isEmpty()) {
            events.publishEvent(new ActivityRecorded(projectId, recorded));
        }
        return recorded;
    }

    /** Ends what the user said they work on, from chat or the REST API, in every project. @return how many ended */
    @Transactional
    public int stop(long userId) {
        List<Long> projects = jdbc.sql("""
                        update activities set ended_at = now() where person = ? and ended_at is null and source in ('chat', 'rest')
                        returning project_id""")
                .param(Person.user(userId).key()).query(Long.class).list();
        projects.stream().distinct().forEach(project -> events.publishEvent(new ActivityEnded(project)));
        return projects.size();
    }

    /** A branch merged, closed or was deleted: the work on it is no longer unmerged. */
    @Transactional
    public void endBranch(long projectId, String repository, String branch) {
        int ended = jdbc.sql("update activities set ended_at = now() where project_id = ? and repository = ? and branch = ? and ended_at is null")
                .params(projectId, repository, branch).update();
        if (ended > 0) {
            events.publishEvent(new ActivityEnded(projectId));
        }
    }

    /**
     * Other people's live work near each of these activities of one project, in one statement: for each (by its id), other
     * people's live work at its location, at a directory or component it lies in, beneath it, and (for those in
     * {@code elsewhereInDirectory}) elsewhere in its directory, seen since {@code since}. Each kind of neighbour is its
     * own branch, probed per activity ({@code offset 0} keeps PostgreSQL from turning a probe into a join over every live
     * activity of the project), so each is an index probe whatever the plan.
     */
    public Map<Long, List<Activity>> near(long projectId, List<Activity> around, Instant since, Collection<Long> elsewhereInDirectory) {
        List<Long> ids = new ArrayList<>();
        List<String> persons = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Activity activity : around) {
            for (String key : locationAndPrefixes(activity.location())) {
                ids.add(activity.id());
                persons.add(activity.person().key());
                keys.add(key);
            }
        }
        List<Activity> inDirectory = around.stream().filter(a -> elsewhereInDirectory.contains(a.id()) && !directory(a.location()).isEmpty()).toList();
        Map<Long, List<Activity>> near = new java.util.HashMap<>();
        jdbc.sql("""
                        select k.for_id, a.* from unnest(cast(:ids as bigint[]), cast(:persons as text[]), cast(:keys as text[])) as k(for_id, person, key)
                          cross join lateral (select * from activities where project_id = :project and location = k.key and person <> k.person
                                                 and ended_at is null and last_seen_at >= :since offset 0) a
                        union
                        select b.for_id, a.* from unnest(cast(:aroundIds as bigint[]), cast(:aroundPersons as text[]), cast(:beneath as text[]),
                                                         cast(:beyond as text[])) as b(for_id, person, beneath, beyond)
                          cross join lateral (select * from activities where project_id = :project and location ~>=~ b.beneath and location ~<~ b.beyond
                                                 and person <> b.person and ended_at is null and last_seen_at >= :since offset 0) a
                        union
                        select d.for_id, a.* from unnest(cast(:directoryIds as bigint[]), cast(:directoryPersons as text[]), cast(:directories as text[]))
                                                  as d(for_id, person, directory)
                          cross join lateral (select * from activities where project_id = :project and directory = d.directory and person <> d.person
                                                 and ended_at is null and last_seen_at >= :since offset 0) a""")
                .param("project", projectId).param("since", Timestamp.from(since))
                .param("ids", longArray(ids)).param("persons", textArray(persons)).param("keys", textArray(keys))
                .param("aroundIds", longArray(around.stream().map(Activity::id).toList()))
                .param("aroundPersons", textArray(around.stream().map(a -> a.person().key()).toList()))
                // What lies beneath, as a range of the text_pattern_ops index ('0' follows '/'): a LIKE whose pattern is a
                // parameter cannot use the index once PostgreSQL plans the statement generically (after five runs), and
                // then read every live activity of the project for each activity (issue 11's benchmark, 2,000 a query).
                .param("beneath", textArray(around.stream().map(a -> a.location() + "/").toList()))
                .param("beyond", textArray(around.stream().map(a -> a.location() + "0").toList()))
                .param("directoryIds", longArray(inDirectory.stream().map(Activity::id).toList()))
                .param("directoryPersons", textArray(inDirectory.stream().map(a -> a.person().key()).toList()))
                .param("directories", textArray(inDirectory.stream().map(a -> directory(a.location())).toList()))
                .query((row, n) -> near.computeIfAbsent(row.getLong("for_id"), id -> new ArrayList<>()).add(activity(row, n)))
                .list();
        near.values().forEach(list -> list.sort(java.util.Comparator.comparing(Activity::id)));
        return near;
    }

    private static List<String> locationAndPrefixes(String location) {
        List<String> keys = new ArrayList<>(prefixes(location));
        keys.add(location);
        return keys;
    }

    /** Other people's unmerged work on other branches of the repository that touches these files, however old. */
    public List<Activity> onOtherBranches(long projectId, Person person, String repository, String branch, Collection<String> files) {
        return jdbc.sql("select " + COLUMNS + " " + """
                         from activities
                        where project_id = :project and location = any(cast(:files as text[])) and person <> :person and ended_at is null
                          and source in ('push', 'pull_request') and repository = :repository and branch <> :branch""")
                .param("project", projectId).param("files", textArray(files)).param("person", person.key())
                .param("repository", repository).param("branch", branch)
                .query(Activities::activity).list();
    }

    /**
     * Of these activities, the ones still going on: not ended and, when {@code seenSince} is given, seen since then.
     * Without it, work on a branch counts until the branch merges, closes or is deleted.
     */
    public List<Activity> live(Collection<Long> ids, Optional<Instant> seenSince) {
        return jdbc.sql("select " + COLUMNS + " " + """
                         from activities where id = any(cast(:ids as bigint[])) and ended_at is null
                          and (cast(:since as timestamptz) is null or last_seen_at >= :since)""")
                .param("ids", longArray(ids))
                .param("since", seenSince.map(Timestamp::from).orElse(null))
                .query(Activities::activity).list();
    }

    /** {@link #live}, the ids only: for a conflict's recheck, which has its people and files already. */
    public java.util.Set<Long> liveIds(Collection<Long> ids, Optional<Instant> seenSince) {
        return new java.util.HashSet<>(jdbc.sql("""
                        select id from activities where id = any(cast(:ids as bigint[])) and ended_at is null
                           and (cast(:since as timestamptz) is null or last_seen_at >= :since)""")
                .param("ids", longArray(ids)).param("since", seenSince.map(Timestamp::from).orElse(null))
                .query(Long.class).list());
    }

    /**
     * When each of these users was last seen at work, if ever: an activity is a sighting, so presence reads it from here
     * rather than have every activity write the presence row too. One probe of the newest row per person.
     */
    Map<Long, Instant> lastSeen(Collection<Long> userIds) {
        record Seen(long userId, Timestamp at) {
        }
        return jdbc.sql("""
                        select u.id, (select a.last_seen_at from activities a where a.person = 'user:' || u.id order by a.last_seen_at desc limit 1) as seen
                          from unnest(cast(? as bigint[])) as u(id)""")
                .param(longArray(userIds))
                .query((row, n) -> new Seen(row.getLong("id"), row.getTimestamp("seen"))).list().stream()
                .filter(seen -> seen.at() != null)
                .collect(Collectors.toMap(Seen::userId, seen -> seen.at().toInstant()));
    }

    /** Each member's latest live activity, seen since {@code since}. */
    List<Activity> currentOf(long projectId, Collection<Long> userIds, Instant since) {
        return jdbc.sql("select distinct on (user_id) " + COLUMNS + " " + """
                         from activities where project_id = :project and user_id = any(cast(:users as bigint[])) and ended_at is null
                          and last_seen_at >= :since order by user_id, last_seen_at desc""")
                .param("project", projectId).param("users", longArray(userIds))
                .param("since", Timestamp.from(since))
                .query(Activities::activity).list();
    }

    /** The directories and components a location lies in: {@code src}, {@code src/billing} for {@code src/billing/invoice.py}. */
    static List<String> prefixes(String location) {
        List<String> prefixes = new ArrayList<>();
        for (int slash = location.indexOf('/'); slash > 0; slash = location.indexOf('/', slash + 1)) {
            prefixes.add(location.substring(0, slash));
        }
        return prefixes;
    }

    private static String longArray(Collection<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    private static String textArray(Collection<String> values) {
        StringBuilder array = new StringBuilder("{");
        for (String value : values) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return array.append('}').toString();
    }

    private static Activity activity(ResultSet row, int n) throws SQLException {
        long userId = row.getLong("user_id");
        boolean linked = !row.wasNull();
        String key = row.getString("person");
        Person person = linked ? Person.user(userId) : new Person(key, null, key.substring(key.indexOf(':') + 1));
        Integer pullRequest = row.getObject("pull_request", Integer.class);
        return new Activity(row.getLong("id"), row.getLong("project_id"), person, row.getString("location"),
                ActivityType.valueOf(row.getString("type").toUpperCase(java.util.Locale.ROOT)),
                Source.valueOf(row.getString("source").toUpperCase(java.util.Locale.ROOT)), row.getString("repository"), row.getString("branch"),
                pullRequest, row.getTimestamp("started_at").toInstant(), row.getTimestamp("last_seen_at").toInstant());
    }
}
