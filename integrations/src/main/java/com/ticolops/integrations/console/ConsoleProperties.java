package com.ticolops.integrations.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticolops.console.*} (environment: {@code TICOLOPS_CONSOLE_MODE}).
 *
 * @param mode who may use the console API, its feed and its page: {@code local} (callers on this machine only),
 *             {@code off}, or {@code signed-in} (signed-in users; sign-in does not exist yet, so it answers as {@code off})
 */
@ConfigurationProperties("ticolops.console")
record ConsoleProperties(@DefaultValue("local") Mode mode) {

    enum Mode { LOCAL, OFF, SIGNED_IN }
}
