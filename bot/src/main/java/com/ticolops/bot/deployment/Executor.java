package com.ticolops.bot.deployment;

import com.ticolops.integrations.git.GitProvider;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What actually deploys an environment. */
public enum Executor {
    /** GitHub's Deployments API: the repository's workflows listening to {@code deployment} do the work. */
    GITHUB_DEPLOYMENTS(GitProvider.GITHUB, null),
    /** A GitHub Actions workflow started by {@code workflow_dispatch}; the target is the workflow's file name. */
    GITHUB_WORKFLOW(GitProvider.GITHUB, "workflow file"),
    /** A new GitLab pipeline on the ref. */
    GITLAB_PIPELINE(GitProvider.GITLAB, null),
    /** The manual job of the latest GitLab pipeline on the ref; the target is the job's name. */
    GITLAB_JOB(GitProvider.GITLAB, "job name"),
    /** A deploy hook URL (Vercel, Netlify, Render, any HTTPS endpoint that deploys on POST). */
    HOOK(null, "URL");

    private final GitProvider provider;
    private final String target;

    Executor(GitProvider provider, String target) {
        this.provider = provider;
        this.target = target;
    }

    /** The word people type: {@code github-deployments}, {@code hook}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<Executor> of(String id) {
        return Arrays.stream(values()).filter(executor -> executor.id().equalsIgnoreCase(id)).findFirst();
    }

    /** The provider whose API runs it, or empty for a hook, which runs on any repository. */
    Optional<GitProvider> provider() {
        return Optional.ofNullable(provider);
    }

    /** What the executor needs after its name ("workflow file"), or null when nothing. */
    String target() {
        return target;
    }
}
