package com.ticolops.bot.deployment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deployments ({@code ticolops.deployment.*}).
 *
 * @param confirmationTimeout how long a confirmation button works
 * @param logLines            how many of the failing job's last log lines a failed deployment's message shows
 * @param commitsListed       how many of the commits a deployment ships are fetched and kept
 * @param abandonedAfter      how long a deployment in flight may go without a status before the next deploy to its
 *                            environment gives it up (cancelled) rather than being refused
 */
@ConfigurationProperties("ticolops.deployment")
record DeploymentProperties(@DefaultValue("5m") Duration confirmationTimeout, @DefaultValue("30") int logLines,
                            @DefaultValue("50") int commitsListed, @DefaultValue("1h") Duration abandonedAfter) {
}
