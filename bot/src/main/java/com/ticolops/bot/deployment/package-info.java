/**
 * Deployments from chat: environments and their rules, deploys, rollbacks, locks, the audit trail, and the one message
 * per deployment that follows it from pending to success or failure.
 */
@ApplicationModule(displayName = "Deployments", allowedDependencies = {"announcement", "command", "crypto", "history", "notification", "project", "repo", "subscription"})
package com.ticolops.bot.deployment;

import org.springframework.modulith.ApplicationModule;
