package com.ticolops.bot.activity;

import com.ticolops.bot.history.PullRequestFilesChecked;
import com.ticolops.bot.repo.Repositories;
import com.ticolops.bot.user.IdentityKind;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.git.GitProvider;
import com.ticolops.integrations.git.PullRequestChanged;
import com.ticolops.integrations.git.PushReceived;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Activity from connected repositories: the files of each push, per author and branch, and the files of each open pull
 * request (once the history module has asked the provider for them). Work on a branch stays unmerged until the branch
 * is deleted or its pull request merges or closes. Git logins become users through their linked identities; the
 * others are kept by login. Pushes and pull request changes are recorded in the webhook delivery's own transaction
 * (plain {@code @EventListener}s, like the repository facts), with their conflicts.
 */
@Component
class GitActivity {

    private final Activities activities;
    private final Repositories repositories;
    private final Users users;

    GitActivity(Activities activities, Repositories repositories, Users users) {
        this.activities = activities;
        this.repositories = repositories;
        this.users = users;
    }

    @EventListener
    void on(PushReceived push) {
        if (push.isTag()) {
            return;
        }
        Optional<Long> project = repositories.projectOf(push.provider(), push.repository());
        if (project.isEmpty()) {
            return;
        }
        if (push.deleted()) {
            activities.endBranch(project.get(), push.repository(), push.branch());
            return;
        }
        // An author who is one of our users is credited with their files; otherwise the pusher, whose login we know.
        Map<Person, Set<String>> filesBy = new LinkedHashMap<>();
        for (PushReceived.Commit commit : push.commits()) {
            Person author = linked(push.provider(), commit.author()).orElseGet(() -> person(push.provider(), push.pusher()));
            commit.files().stream().filter(file -> !file.isBlank() && file.length() <= Activities.MAX_LOCATION)
                    .forEach(file -> filesBy.computeIfAbsent(author, a -> new LinkedHashSet<>()).add(file));
        }
        filesBy.forEach((person, files) -> activities.record(project.get(), person, files, ActivityType.CODING, Source.PUSH,
                push.repository(), push.branch(), null));
    }

    @ApplicationModuleListener
    void on(PullRequestFilesChecked pr) {
        if (pr.author() == null || pr.sourceBranch() == null) {
            return;
        }
        var files = pr.files().stream().filter(file -> !file.isBlank() && file.length() <= Activities.MAX_LOCATION).toList();
        activities.record(pr.projectId(), person(pr.provider(), pr.author()), files, ActivityType.CODING, Source.PULL_REQUEST,
                pr.repository(), pr.sourceBranch(), pr.number());
    }

    /** A merged or closed request's branch is no longer diverging work. */
    @EventListener
    void on(PullRequestChanged pr) {
        if (!"closed".equals(pr.action()) || pr.sourceBranch() == null) {
            return;
        }
        repositories.projectOf(pr.provider(), pr.repository())
                .ifPresent(project -> activities.endBranch(project, pr.repository(), pr.sourceBranch()));
    }

    private Person person(GitProvider provider, String login) {
        return linked(provider, login).orElseGet(() -> Person.unlinked(provider.id(), login));
    }

    private Optional<Person> linked(GitProvider provider, String login) {
        if (login == null || login.isBlank()) {
            return Optional.empty();
        }
        IdentityKind kind = provider == GitProvider.GITHUB ? IdentityKind.GITHUB : IdentityKind.GITLAB;
        return users.find(kind, login).map(Person::user);
    }
}
