/**
 * Who works where and who is at their desk: activities from chat ({@code working}), the REST API, pushes and pull
 * requests; presence from heartbeats and activities; each person's time zone; {@code who}.
 */
@ApplicationModule(displayName = "Activity and presence", allowedDependencies = {"command", "project", "user", "repo", "history", "rest"})
package com.ticolops.bot.activity;

import org.springframework.modulith.ApplicationModule;
