/** Connected repositories, their webhook secrets, access tokens and hooks. */
@ApplicationModule(displayName = "Repositories", allowedDependencies = {"command", "crypto", "user"})
package com.ticolops.bot.repo;

import org.springframework.modulith.ApplicationModule;
