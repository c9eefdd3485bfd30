package com.ticolops.bot.activity;

import com.ticolops.bot.command.ProjectRef;
import com.ticolops.bot.project.Projects;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who is at their desk and on what: online after a heartbeat or an activity, then away, then offline; and time zones. */
@Service
@EnableConfigurationProperties(PresenceProperties.class)
class Presence {

    enum Status {
        ONLINE, AWAY, OFFLINE;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One member as {@code who} shows them. */
    record Member(long userId, String displayName, Status status, Optional<Instant> lastSeen, Optional<Activity> on, Optional<ZoneId> zone) {
    }

    private final JdbcClient jdbc;
    private final Activities activities;
    private final Heartbeats heartbeats;
    private final Projects projects;
    private final PresenceProperties properties;
    private final Clock clock;

    Presence(JdbcClient jdbc, Activities activities, Heartbeats heartbeats, Projects projects, PresenceProperties properties) {
        this.jdbc = jdbc;
        this.activities = activities;
        this.heartbeats = heartbeats;
        this.projects = projects;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** @return when the user was seen, i.e. now; stored within {@link Heartbeats#FLUSH_MILLIS} */
    Instant heartbeat(long userId) {
        Instant now = clock.instant();
        heartbeats.beat(userId, now);
        return now;
    }

    /** @throws ActivityException UNKNOWN_ZONE, and nothing is changed */
    @Transactional
    ZoneId setTimeZone(long userId, String zoneId) {
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId.strip());
        } catch (DateTimeException e) {
            throw new ActivityException(ActivityException.Reason.UNKNOWN_ZONE, zoneId);
        }
        jdbc.sql("insert into presence (user_id, time_zone) values (?, ?) on conflict (user_id) do update set time_zone = excluded.time_zone")
                .params(userId, zone.getId()).update();
        return zone;
    }

    /** Every member of the project: online first, then away, then offline, by name within each. */
    List<Member> who(ProjectRef project) {
        List<Projects.Member> members = projects.members(project.id());
        List<Long> ids = members.stream().map(Projects.Member::userId).toList();
        record Row(long userId, Instant lastSeen, String zone) {
        }
        Map<Long, Row> rows = jdbc.sql("select user_id, last_seen_at, time_zone from presence where user_id = any(cast(? as bigint[]))")
                .param(ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .query((row, n) -> new Row(row.getLong("user_id"), Optional.ofNullable(row.getTimestamp("last_seen_at")).map(java.sql.Timestamp::toInstant)
                        .orElse(null), row.getString("time_zone")))
                .list().stream().collect(Collectors.toMap(Row::userId, Function.identity()));
        Instant now = clock.instant();
        Map<Long, Instant> atWork = activities.lastSeen(ids);
        Map<Long, Activity> current = new HashMap<>();
        activities.currentOf(project.id(), ids, now.minus(properties.offlineAfter()))
                .forEach(activity -> current.put(activity.person().userId(), activity));
        return members.stream().map(member -> {
                    Optional<Row> row = Optional.ofNullable(rows.get(member.userId()));
                    Optional<Instant> lastSeen = Stream.of(row.map(Row::lastSeen), Optional.ofNullable(atWork.get(member.userId())))
                            .flatMap(Optional::stream).max(Comparator.naturalOrder());
                    return new Member(member.userId(), member.displayName(), status(lastSeen, now), lastSeen,
                            Optional.ofNullable(current.get(member.userId())), row.map(Row::zone).map(ZoneId::of));
                })
                .sorted(Comparator.comparing(Member::status).thenComparing(m -> m.displayName().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    Status status(Optional<Instant> lastSeen, Instant now) {
        if (lastSeen.isEmpty()) {
            return Status.OFFLINE;
        }
        Duration idle = Duration.between(lastSeen.get(), now);
        return idle.compareTo(properties.awayAfter()) < 0 ? Status.ONLINE : idle.compareTo(properties.offlineAfter()) < 0 ? Status.AWAY : Status.OFFLINE;
    }

    /** The project an API caller means: the one named, else their only one. @throws ActivityException when it cannot tell */
    ProjectRef projectFor(long userId, Optional<String> name) {
        List<Projects.Summary> mine = projects.projectsOf(userId);
        if (name.isPresent()) {
            return mine.stream().map(Projects.Summary::project).filter(p -> p.name().equalsIgnoreCase(name.get().strip())).findFirst()
                    .orElseThrow(() -> new ActivityException(ActivityException.Reason.NOT_A_MEMBER, name.get()));
        }
        if (mine.isEmpty()) {
            throw new ActivityException(ActivityException.Reason.NO_PROJECT, "");
        }
        if (mine.size() > 1) {
            throw new ActivityException(ActivityException.Reason.SEVERAL_PROJECTS,
                    mine.stream().map(s -> s.project().name()).collect(Collectors.joining(", ")));
        }
        return mine.get(0).project();
    }
}
