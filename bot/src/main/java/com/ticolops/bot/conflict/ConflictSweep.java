package com.ticolops.bot.conflict;

import com.ticolops.scheduler.MisfirePolicy;
import com.ticolops.scheduler.RecurringTask;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * Resolves concurrent and related conflicts whose people went quiet: nobody says "stopped" when they close their
 * editor. Every 30 s, over the open conflicts only, so the cost follows what is open now, not history.
 */
@Component
class ConflictSweep implements RecurringTask {

    private final Conflicts conflicts;

    ConflictSweep(Conflicts conflicts) {
        this.conflicts = conflicts;
    }

    @Override
    public String name() {
        return "conflict-sweep";
    }

    @Override
    public String cron() {
        return "0/30 * * * * ?";
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** The next sweep does what a missed one would have. */
    @Override
    public MisfirePolicy misfirePolicy() {
        return MisfirePolicy.SKIP_MISSED;
    }

    @Override
    public void run() {
        conflicts.open().forEach(conflicts::recheck);
    }
}
