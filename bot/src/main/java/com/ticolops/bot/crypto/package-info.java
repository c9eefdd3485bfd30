/**
 * Encryption of the secrets and tokens other modules store, and its key's rotation: each of those modules re-encrypts
 * its own rows through {@link com.ticolops.bot.crypto.StoredSecrets}, since only it writes its tables.
 */
@ApplicationModule(displayName = "Crypto", allowedDependencies = {})
package com.ticolops.bot.crypto;

import org.springframework.modulith.ApplicationModule;
