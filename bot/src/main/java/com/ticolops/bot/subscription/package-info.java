/** Which channel receives what from which repository: features and filters, and who is subscribed. */
@ApplicationModule(displayName = "Subscriptions", allowedDependencies = {"command", "repo", "user"})
package com.ticolops.bot.subscription;

import org.springframework.modulith.ApplicationModule;
