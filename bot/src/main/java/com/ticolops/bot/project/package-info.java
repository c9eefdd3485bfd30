/** Projects, their members and roles, and the chat channels that follow them. */
@ApplicationModule(displayName = "Projects", allowedDependencies = {"command", "user"})
package com.ticolops.bot.project;

import org.springframework.modulith.ApplicationModule;
