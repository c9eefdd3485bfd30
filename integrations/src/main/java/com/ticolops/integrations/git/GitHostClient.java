package com.ticolops.integrations.git;

/** What the domain asks of GitHub's or GitLab's API to connect a repository; one implementation per provider. */
public interface GitHostClient {

    GitProvider provider();

    /**
     * Proves the token works.
     *
     * @return the login or username the token belongs to
     * @throws GitHostException when it does not
     */
    String tokenOwner(GitHostAccess access);

    /** @throws GitHostException NOT_FOUND when the repository is unknown or hidden, FORBIDDEN without admin (GitHub) or maintainer (GitLab) rights */
    void checkHookAccess(GitHostAccess access, String repository);

    /**
     * Registers a webhook for the events Ticolops understands, signed with {@code secret}.
     *
     * @return the hook's id
     */
    long createHook(GitHostAccess access, String repository, String url, String secret);

    /** @return false when the hook (or the repository) was already gone */
    boolean deleteHook(GitHostAccess access, String repository, long hookId);
}
