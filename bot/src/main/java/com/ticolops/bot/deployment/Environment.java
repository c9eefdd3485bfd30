package com.ticolops.bot.deployment;

import com.ticolops.bot.repo.Repositories;

/**
 * An environment of a repository.
 *
 * @param target   the workflow file or job name for the executors that need one, else null
 * @param hookHost the host of the deploy hook URL, which is shown instead of the URL (the URL is its credential)
 * @param url      where the environment is, shown as a button once deployed, or null
 */
public record Environment(long id, Repositories.Ref repository, String name, Executor executor, String target, String hookHost, String url,
                          boolean isDefault, Rules rules) {

    /** The executor as people read it: "GitHub workflow deploy.yml", "deploy hook on api.vercel.com". */
    public String executorLabel() {
        return switch (executor) {
            case GITHUB_DEPLOYMENTS -> "GitHub Deployments API";
            case GITHUB_WORKFLOW -> "GitHub Actions workflow " + target;
            case GITLAB_PIPELINE -> "GitLab pipeline";
            case GITLAB_JOB -> "GitLab manual job " + target;
            case HOOK -> "deploy hook on " + hookHost;
        };
    }
}
