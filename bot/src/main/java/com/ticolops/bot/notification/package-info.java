/** Subscriptions and announcements of Git events. */
@ApplicationModule(displayName = "Notifications", allowedDependencies = {"command", "repository", "user"})
package com.ticolops.bot.notification;

import org.springframework.modulith.ApplicationModule;
