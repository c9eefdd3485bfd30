package com.ticolops.bot.conflict;

import com.ticolops.bot.activity.Activities;
import com.ticolops.bot.activity.Activity;
import com.ticolops.bot.activity.ActivityEnded;
import com.ticolops.bot.activity.ActivityType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Looks for overlaps around each new activity, for {@link DetectionQueue}'s batches. It asks only about the
 * activity's own neighbourhood — its location, the directories it lies in, what lies beneath it, its directory, the
 * same files on other branches — through indexed queries bounded by the time window, so its cost does not grow with
 * history. The choice of PostgreSQL over an in-memory window: every replica sees the same activities, and nothing is
 * lost on restart.
 */
@Component
@EnableConfigurationProperties(ConflictProperties.class)
class ConflictDetection {

    private final Activities activities;
    private final Conflicts conflicts;
    private final ConflictProperties properties;

    ConflictDetection(Activities activities, Conflicts conflicts, ConflictProperties properties) {
        this.activities = activities;
        this.conflicts = conflicts;
        this.properties = properties;
    }

    /** Records the conflicts these activities of one project make, each conflict once however many of them it has. */
    void detect(long projectId, List<Activity> recorded) {
        // One order for every caller, so two that lock the same conflicts (detection and a recheck) lock them in the same order.
        conflicts.recordAll(projectId, candidates(projectId, recorded, Instant.now().minus(properties.window())).stream()
                .sorted(java.util.Comparator.comparing((Candidate c) -> c.kind()).thenComparing(Candidate::key)).toList());
    }

    @ApplicationModuleListener
    void on(ActivityEnded ended) {
        conflicts.openIn(ended.projectId()).forEach(conflicts::recheck);
    }

    List<Candidate> candidates(long projectId, List<Activity> recorded, Instant since) {
        // Once a directory's heads-up is open, whoever works in it joins that: its other people need not be read
        // again, which in a crowded directory is hundreds of rows for each activity.
        Set<String> headsUpOpen = conflicts.openKeys(projectId, Kind.RELATED,
                recorded.stream().map(a -> Activities.directory(a.location())).filter(d -> !d.isEmpty()).distinct().toList());
        List<Long> readDirectory = recorded.stream().filter(a -> !headsUpOpen.contains(Activities.directory(a.location()))).map(Activity::id).toList();
        Map<Long, List<Activity>> near = activities.near(projectId, recorded, since, readDirectory);
        Map<String, Candidate> found = new LinkedHashMap<>();
        for (Activity activity : recorded) {
            for (Activity other : near.getOrDefault(activity.id(), List.of())) {
                if (divergingOnly(activity, other)) {
                    continue;
                }
                add(found, overlap(activity, other), activity, other);
            }
            String directory = Activities.directory(activity.location());
            if (headsUpOpen.contains(directory)) {
                add(found, new Overlap(Kind.RELATED, directory, Severity.LOW), activity, activity);
            }
        }
        diverging(projectId, recorded, found);
        return List.copyOf(found.values());
    }

    /** Unmerged work of others on other branches of the same repository that changes the same files. */
    private void diverging(long projectId, List<Activity> recorded, Map<String, Candidate> found) {
        Map<String, List<Activity>> byBranch = recorded.stream().filter(a -> a.source().isGit() && !a.branch().isEmpty())
                .collect(Collectors.groupingBy(a -> a.person().key() + "\u0000" + a.repository() + "\u0000" + a.branch(), LinkedHashMap::new,
                        Collectors.toList()));
        for (List<Activity> mine : byBranch.values()) {
            Activity first = mine.get(0);
            Map<String, Activity> myFiles = mine.stream().collect(Collectors.toMap(Activity::location, a -> a, (a, b) -> a));
            for (Activity other : activities.onOtherBranches(projectId, first.person(), first.repository(), first.branch(), myFiles.keySet())) {
                TreeSet<String> branches = new TreeSet<>(List.of(first.branch(), other.branch()));
                String key = first.repository() + ": " + String.join(" and ", branches);
                add(found, new Overlap(Kind.DIVERGING, key, Severity.HIGH), myFiles.get(other.location()), other);
            }
        }
    }

    /** Two pushes to different branches of one repository are diverging work, not two people at one desk. */
    private static boolean divergingOnly(Activity a, Activity b) {
        return a.source().isGit() && b.source().isGit() && a.repository().equals(b.repository()) && !a.branch().equals(b.branch());
    }

    record Overlap(Kind kind, String key, Severity severity) {
    }

    /** Same file over same directory; coding with coding over anything else. */
    static Overlap overlap(Activity a, Activity b) {
        boolean bothCoding = a.type() == ActivityType.CODING && b.type() == ActivityType.CODING;
        if (a.location().equals(b.location())) {
            return new Overlap(Kind.CONCURRENT, a.location(), bothCoding ? Severity.HIGH : Severity.MEDIUM);
        }
        if (a.location().startsWith(b.location() + "/")) {
            return new Overlap(Kind.CONCURRENT, b.location(), bothCoding ? Severity.MEDIUM : Severity.LOW);
        }
        if (b.location().startsWith(a.location() + "/")) {
            return new Overlap(Kind.CONCURRENT, a.location(), bothCoding ? Severity.MEDIUM : Severity.LOW);
        }
        return new Overlap(Kind.RELATED, a.location().substring(0, a.location().lastIndexOf('/')), Severity.LOW);
    }

    private static void add(Map<String, Candidate> found, Overlap overlap, Activity a, Activity b) {
        found.compute(overlap.kind() + "\u0000" + overlap.key(), (k, existing) -> {
            LinkedHashSet<Activity> all = existing == null ? new LinkedHashSet<>() : new LinkedHashSet<>(existing.activities());
            all.add(a);
            all.add(b);
            Severity severity = existing == null || overlap.severity().compareTo(existing.severity()) > 0 ? overlap.severity() : existing.severity();
            return new Candidate(overlap.kind(), overlap.key(), severity, all);
        });
    }
}
