package com.ticolops.bot.conflict;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ticolops.conflicts.*}: two people count as working on the same thing at once when both were seen within {@code window}. */
@ConfigurationProperties("ticolops.conflicts")
record ConflictProperties(@DefaultValue("5m") Duration window) {
}
