package com.ticolops.bot.conflict;

import com.ticolops.bot.user.Users;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What a conflict says in a channel (mentioning people as their platform does) and in plain words for notifications.
 * A crowded directory can hold hundreds of people and files: a message names the first few of each and counts the
 * rest, so it stays readable, mentions (and so notifies) only those few, and costs a lookup of only their names.
 */
@Component
class ConflictMessages {

    /** How many people and how many files a message names before it counts the rest. */
    static final int NAMED = 6;

    private final Users users;

    ConflictMessages(Users users) {
        this.users = users;
    }

    Reply announcement(Conflict conflict, Platform platform) {
        return Reply.inChannel(text(conflict, mentions(conflict, platform)));
    }

    /** Mentions only who joined: the others were mentioned when they came. */
    Reply joined(Conflict conflict, List<String> joined, Platform platform) {
        List<String> others = conflict.people().stream().filter(person -> !joined.contains(person)).toList();
        return Reply.inChannel(listed(joined, mentions(named(joined), platform))
                + (joined.size() == 1 ? " joins " : " join ") + listed(others, names(named(others))) + " on " + files(conflict) + ".");
    }

    Reply resolved(Conflict conflict, Platform platform) {
        return Reply.inChannel("Resolved — " + text(conflict, names(conflict)));
    }

    /** For a notification: names, no mentions. */
    String sentence(Conflict conflict) {
        return text(conflict, names(conflict));
    }

    /** One line, as {@code conflicts} lists it. */
    String line(Conflict conflict, Platform platform) {
        return "#" + conflict.id() + " " + conflict.severity().id() + " — " + conflict.kind().id() + " — "
                + listed(conflict.people(), mentions(conflict, platform)) + " — " + files(conflict);
    }

    private String text(Conflict conflict, Function<String, String> person) {
        String people = listed(conflict.people(), person);
        String both = conflict.people().size() == 2 ? "both" : "all";
        String label = (conflict.kind() == Kind.RELATED ? "Heads-up #" : "Conflict #") + conflict.id() + " (" + conflict.severity().id() + "): ";
        return label + switch (conflict.kind()) {
            case CONCURRENT -> conflict.files().size() == 1
                    ? people + " are " + both + " working on " + conflict.key() + " right now. Talk before it becomes a merge conflict."
                    : people + " are " + both + " working in " + conflict.key() + " right now (" + files(conflict)
                    + "). Talk before it becomes a merge conflict.";
            case DIVERGING -> people + " change the same files on unmerged branches (" + conflict.key() + "): " + files(conflict)
                    + ". Merge one first, or agree who rebases.";
            case RELATED -> people + " are working on different files in " + conflict.key() + " (" + files(conflict)
                    + "). A word now saves a collision later.";
        };
    }

    /** The people a message names, as their platform mentions them, looked up at once; a Git login nobody has linked, by that login. */
    private Function<String, String> mentions(Conflict conflict, Platform platform) {
        return mentions(named(conflict.people()), platform);
    }

    private Function<String, String> mentions(List<String> people, Platform platform) {
        Map<Long, String> mentions = users.mentions(Conflicts.userIds(people), platform);
        return person -> person.startsWith("user:") ? mentions.get(Long.parseLong(person.substring(5))) : unlinked(person);
    }

    private Function<String, String> names(Conflict conflict) {
        return names(named(conflict.people()));
    }

    private Function<String, String> names(List<String> people) {
        Map<Long, String> names = users.displayNames(Conflicts.userIds(people));
        return person -> person.startsWith("user:") ? names.get(Long.parseLong(person.substring(5))) : unlinked(person);
    }

    private static List<String> named(List<String> all) {
        return all.subList(0, Math.min(NAMED, all.size()));
    }

    private static String files(Conflict conflict) {
        List<String> files = conflict.files();
        return files.size() <= NAMED ? String.join(", ", files)
                : String.join(", ", files.subList(0, NAMED)) + " and " + (files.size() - NAMED) + " more files";
    }

    /** The first {@link #NAMED}, then how many others there are besides. */
    private static String listed(List<String> all, Function<String, String> name) {
        if (all.size() <= NAMED) {
            return join(all.stream().map(name).toList());
        }
        return String.join(", ", named(all).stream().map(name).toList()) + " and " + (all.size() - NAMED) + " others";
    }

    /** {@code github:octocat} → {@code octocat (GitHub login)}. */
    private static String unlinked(String person) {
        int colon = person.indexOf(':');
        String provider = person.substring(0, colon);
        return person.substring(colon + 1) + " (" + (provider.equals("github") ? "GitHub" : "GitLab") + " login)";
    }

    static String join(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
