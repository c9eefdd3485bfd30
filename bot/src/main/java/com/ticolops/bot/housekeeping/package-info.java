/** Recurring upkeep of the event publication registry and of what grows without bound. */
@ApplicationModule(displayName = "Housekeeping", allowedDependencies = {"rest"})
package com.ticolops.bot.housekeeping;

import org.springframework.modulith.ApplicationModule;
