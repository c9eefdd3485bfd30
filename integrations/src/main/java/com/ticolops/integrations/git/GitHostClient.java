package com.ticolops.integrations.git;

import java.util.List;
import java.util.Optional;

/** What the domain asks of GitHub's or GitLab's API about a repository; one implementation per provider. */
public interface GitHostClient {

    GitProvider provider();

    /** What {@link #createHook} subscribes a webhook to, and what a hook set up by hand must send: every event Ticolops understands. */
    List<WebhookEvent> webhookEvents();

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

    /**
     * Makes the webhook sign its deliveries with {@code secret} from now on, keeping its address ({@code url}) and events.
     *
     * @throws GitHostException NOT_FOUND when the hook (or the repository) is gone
     */
    void changeHookSecret(GitHostAccess access, String repository, long hookId, String url, String secret);

    /** @return false when the hook (or the repository) was already gone */
    boolean deleteHook(GitHostAccess access, String repository, long hookId);

    /**
     * The paths a pull (merge) request changes, every page of them: a renamed file under its new path, a deleted one
     * under the path it had.
     *
     * @throws GitHostException NOT_FOUND when the repository or the request is unknown or hidden
     */
    List<String> pullRequestFiles(GitHostAccess access, String repository, int number);

    /**
     * Whether a pull (merge) request can be merged into its target as things stand: false when it has conflicts
     * (GitHub's {@code mergeable_state: dirty}, GitLab's {@code has_conflicts}), empty while the provider is still
     * working it out, as both do for a while after a push.
     *
     * @throws GitHostException NOT_FOUND when the repository or the request is unknown or hidden
     */
    Optional<Boolean> mergeable(GitHostAccess access, String repository, int number);
}
