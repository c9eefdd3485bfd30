package com.ticolops.bot.conflict;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticolops.conflicts.*}.
 *
 * @param window          two people count as working on the same thing at once when both were seen within it
 * @param reannounceAfter a conflict's message in its channels is edited (and who joined mentioned under it) at most
 *                        this often; what changed in between is shown by the next sweep. People who join are told
 *                        directly at once.
 */
@ConfigurationProperties("ticolops.conflicts")
record ConflictProperties(@DefaultValue("5m") Duration window, @DefaultValue("30s") Duration reannounceAfter) {
}
