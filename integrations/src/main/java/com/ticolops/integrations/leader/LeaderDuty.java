package com.ticolops.integrations.leader;

/**
 * Something only one replica may do at a time, such as holding the Discord gateway session. Each duty has its own
 * leader, elected in PostgreSQL: {@link #takeOver()} runs on the replica that wins the role, {@link #handOver()} when
 * it loses it or stops, after which another replica's {@code takeOver} follows.
 */
public interface LeaderDuty {

    /** The role's name, the same on every replica. */
    String role();

    /** This replica now holds the role. An exception gives it up, and the election goes on. */
    void takeOver() throws Exception;

    /** This replica no longer holds the role (it stops, or could not renew its lock): stop doing it now. */
    void handOver();
}
