/** Connected repositories, their webhook secrets, access tokens and hooks. */
@ApplicationModule(displayName = "Repositories", allowedDependencies = {"command", "crypto", "user"})
package com.ticolops.bot.repository;

import org.springframework.modulith.ApplicationModule;
