/** Repository facts kept for the features that look back: commits, pull requests, pipelines, deployment statuses. */
@ApplicationModule(displayName = "History", allowedDependencies = {"repo"})
package com.ticolops.bot.history;

import org.springframework.modulith.ApplicationModule;
