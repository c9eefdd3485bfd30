package com.ticolops.bot.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl          where people's browsers reach this Ticolops, for the links in verification emails
 * @param allowedNetworks    networks (CIDR) a notification webhook may be in although they are internal, and where
 *                           plain http is then accepted; none by default
 * @param verificationLifetime how long an email verification link works
 */
@ConfigurationProperties("ticolops.notification")
record NotificationProperties(@DefaultValue("http://localhost:8080") String publicUrl, @DefaultValue List<String> allowedNetworks,
                              @DefaultValue("24h") Duration verificationLifetime) {
}
