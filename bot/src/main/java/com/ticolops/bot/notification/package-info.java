/**
 * Messages to one person rather than a channel (review requested, mentioned, their deployment, conflicts, incidents,
 * blockers), delivered as they chose: a Slack or Discord direct message, the console, email or their own signed
 * webhook, outside their quiet hours. Any module asks for one by publishing {@link NotificationRequested}.
 */
@ApplicationModule(displayName = "Notifications", allowedDependencies = {"command", "user", "project", "repo", "crypto"})
package com.ticolops.bot.notification;

import org.springframework.modulith.ApplicationModule;
