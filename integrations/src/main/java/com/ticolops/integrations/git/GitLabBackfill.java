package com.ticolops.integrations.git;

import java.time.Instant;
import java.util.List;

/**
 * GitLab keeps no delivery log we can replay, so what its webhook missed is rebuilt from its API: merge requests that
 * were opened, merged or closed and pipelines that finished in a time window, as the deliveries the webhook would have
 * made, minus those a real delivery already brought.
 */
public interface GitLabBackfill {

    /** A rebuilt delivery, with a stable id (the same on every run), and the domain events it means. */
    record Backfilled(WebhookDeliveries.Delivery delivery, List<Object> events) {
    }

    List<Backfilled> missed(GitHostAccess access, String repository, Instant since, Instant until);
}
