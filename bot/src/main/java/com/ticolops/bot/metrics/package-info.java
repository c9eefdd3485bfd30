/** What Prometheus scrapes: {@code /actuator/prometheus}, behind a scrape token. */
@ApplicationModule(displayName = "Metrics", allowedDependencies = {})
package com.ticolops.bot.metrics;

import org.springframework.modulith.ApplicationModule;
