package com.ticolops.bot.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl          where people's browsers reach this Ticolops, for the links in verification emails; falls
 *                           back to {@code ticolops.public-url}
 * @param allowedNetworks    networks (CIDR) a notification webhook may be in although they are internal, and where
 *                           plain http is then accepted; none by default
 * @param verificationLifetime how long an email verification link works
 * @param deliveryRetention  how long a sent or skipped notification's row is kept: while it is, the same idempotency
 *                           key is not delivered again
 */
@ConfigurationProperties("ticolops.notification")
record NotificationProperties(String publicUrl, @DefaultValue List<String> allowedNetworks,
                              @DefaultValue("24h") Duration verificationLifetime, @DefaultValue("30d") Duration deliveryRetention) {
}
