/** Personal API tokens: created, listed and revoked from chat, and how a REST request is authenticated with one. */
@ApplicationModule(displayName = "API tokens", allowedDependencies = {"command", "rest", "user"})
package com.ticolops.bot.token;

import org.springframework.modulith.ApplicationModule;
