/** People and the identities they are known by: chat accounts, GitHub and GitLab names, email addresses. */
@ApplicationModule(displayName = "Users", allowedDependencies = {"command"})
package com.ticolops.bot.user;

import org.springframework.modulith.ApplicationModule;
