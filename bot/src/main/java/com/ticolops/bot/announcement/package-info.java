/** Turns Git events into channel messages for the channels subscribed to them. */
@ApplicationModule(displayName = "Announcements", allowedDependencies = {"subscription"})
package com.ticolops.bot.announcement;

import org.springframework.modulith.ApplicationModule;
