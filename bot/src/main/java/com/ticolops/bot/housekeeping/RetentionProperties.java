package com.ticolops.bot.housekeeping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticolops.retention.*}: how long what only grows is kept.
 *
 * @param webhookPayloads how long a webhook delivery's body is kept; the delivery's id stays for good, so a
 *                        redelivery is refused however late it comes
 * @param messageAnchors  how long the message a pull request's or issue's announcements update and thread under is
 *                        remembered after it was posted; later announcements about it post a new message
 */
@ConfigurationProperties("ticolops.retention")
record RetentionProperties(@DefaultValue("30d") Duration webhookPayloads, @DefaultValue("90d") Duration messageAnchors) {

    RetentionProperties {
        if (webhookPayloads.isNegative() || webhookPayloads.isZero() || messageAnchors.isNegative() || messageAnchors.isZero()) {
            throw new IllegalArgumentException("ticolops.retention.* must be positive durations, e.g. 30d");
        }
    }
}
