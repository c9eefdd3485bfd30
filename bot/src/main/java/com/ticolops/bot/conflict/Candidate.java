package com.ticolops.bot.conflict;

import com.ticolops.bot.activity.Activity;
import java.util.Set;

/** An overlap found in one activity's neighbourhood: what it is about and the activities that make it. */
record Candidate(Kind kind, String key, Severity severity, Set<Activity> activities) {
}
