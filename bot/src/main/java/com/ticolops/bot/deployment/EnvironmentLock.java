package com.ticolops.bot.deployment;

import java.time.Instant;

/** An environment locked with {@code deploy lock}: who, why (or null), since when. */
public record EnvironmentLock(String holder, String reason, Instant since) {
}
