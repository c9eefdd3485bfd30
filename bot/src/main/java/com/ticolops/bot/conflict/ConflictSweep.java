package com.ticolops.bot.conflict;

import com.ticolops.scheduler.FrequentTask;
import org.springframework.stereotype.Component;

/**
 * Resolves concurrent and related conflicts whose people went quiet: nobody says "stopped" when they close their
 * editor; and shows channels the changes held back while a conflict changed too often. Every 30 s, over the open
 * conflicts only, so the cost follows what is open now, not history.
 */
@Component
class ConflictSweep extends FrequentTask {

    private final Conflicts conflicts;

    ConflictSweep(Conflicts conflicts) {
        super("conflict-sweep", "0/30 * * * * ?");
        this.conflicts = conflicts;
    }

    @Override
    public void run() {
        conflicts.open().forEach(conflicts::recheck);
        conflicts.dueForAnnouncement().forEach(conflicts::announceChanges);
    }
}
