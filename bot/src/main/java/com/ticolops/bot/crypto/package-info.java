/** Encryption of the secrets and tokens other modules store. */
@ApplicationModule(displayName = "Crypto", allowedDependencies = {})
package com.ticolops.bot.crypto;

import org.springframework.modulith.ApplicationModule;
