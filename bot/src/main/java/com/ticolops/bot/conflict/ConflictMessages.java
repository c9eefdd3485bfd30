package com.ticolops.bot.conflict;

import com.ticolops.bot.user.Users;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** What a conflict says in a channel (mentioning people as their platform does) and in plain words for notifications. */
@Component
class ConflictMessages {

    private final Users users;

    ConflictMessages(Users users) {
        this.users = users;
    }

    Reply announcement(Conflict conflict, Platform platform) {
        return Reply.inChannel(text(conflict, mentions(conflict, platform)));
    }

    /** Mentions only who joined: the others were mentioned when they came. */
    Reply joined(Conflict conflict, List<String> joined, Platform platform) {
        Function<String, String> names = names(conflict);
        List<String> others = conflict.people().stream().filter(person -> !joined.contains(person)).map(names).toList();
        return Reply.inChannel(join(joined.stream().map(mentions(conflict, platform)).toList()) + (joined.size() == 1 ? " joins " : " join ")
                + join(others) + " on " + String.join(", ", conflict.files()) + ".");
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
                + join(conflict.people().stream().map(mentions(conflict, platform)).toList()) + " — " + String.join(", ", conflict.files());
    }

    private String text(Conflict conflict, Function<String, String> person) {
        String people = join(conflict.people().stream().map(person).toList());
        String both = conflict.people().size() == 2 ? "both" : "all";
        String label = (conflict.kind() == Kind.RELATED ? "Heads-up #" : "Conflict #") + conflict.id() + " (" + conflict.severity().id() + "): ";
        return label + switch (conflict.kind()) {
            case CONCURRENT -> conflict.files().size() == 1
                    ? people + " are " + both + " working on " + conflict.key() + " right now. Talk before it becomes a merge conflict."
                    : people + " are " + both + " working in " + conflict.key() + " right now (" + String.join(", ", conflict.files())
                    + "). Talk before it becomes a merge conflict.";
            case DIVERGING -> people + " change the same files on unmerged branches (" + conflict.key() + "): " + String.join(", ", conflict.files())
                    + ". Merge one first, or agree who rebases.";
            case RELATED -> people + " are working on different files in " + conflict.key() + " (" + String.join(", ", conflict.files())
                    + "). A word now saves a collision later.";
        };
    }

    /** Its users as their platform mentions them, looked up at once; a Git login nobody has linked, by that login. */
    private Function<String, String> mentions(Conflict conflict, Platform platform) {
        Map<Long, String> mentions = users.mentions(Conflicts.userIds(conflict.people()), platform);
        return person -> person.startsWith("user:") ? mentions.get(Long.parseLong(person.substring(5))) : unlinked(person);
    }

    private Function<String, String> names(Conflict conflict) {
        Map<Long, String> names = users.displayNames(Conflicts.userIds(conflict.people()));
        return person -> person.startsWith("user:") ? names.get(Long.parseLong(person.substring(5))) : unlinked(person);
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
