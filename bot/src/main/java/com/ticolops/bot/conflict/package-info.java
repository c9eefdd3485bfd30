/**
 * Early warnings before a merge conflict exists: two people on the same location at once, unmerged branches touching
 * the same files, related work in one directory. Announced once in the project's channels, resolved when the work ends.
 */
@ApplicationModule(displayName = "Conflicts", allowedDependencies = {"activity", "command", "history", "notification", "project", "repo", "rest", "user"})
package com.ticolops.bot.conflict;

import org.springframework.modulith.ApplicationModule;
