/** The dispatcher: routes a command to its handler by name, checks roles, renders wrong input as help. Knows no feature. */
@ApplicationModule(displayName = "Commands", allowedDependencies = {})
package com.ticolops.bot.command;

import org.springframework.modulith.ApplicationModule;
