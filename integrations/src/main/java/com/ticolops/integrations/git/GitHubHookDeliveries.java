package com.ticolops.integrations.git;

import java.time.Instant;
import java.util.List;

/** A GitHub repository webhook's recent delivery attempts, and asking GitHub to deliver one again. */
public interface GitHubHookDeliveries {

    /**
     * @param id         this attempt's id (what a redelivery is asked for)
     * @param guid       the {@code X-GitHub-Delivery} value, the same for every attempt of one delivery
     * @param statusCode our answer's HTTP status, 0 when GitHub got none (timeout, connection refused)
     */
    record Attempt(long id, String guid, String event, int statusCode, boolean redelivery, Instant deliveredAt) {

        public boolean succeeded() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    /**
     * The recent attempts, newest first, at least all of those delivered at or after {@code since} (GitHub keeps them
     * for 3 days), across as many pages as that takes.
     */
    List<Attempt> recentAttempts(GitHostAccess access, String repository, long hookId, Instant since);

    void redeliver(GitHostAccess access, String repository, long hookId, long attemptId);
}
