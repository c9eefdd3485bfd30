package com.ticolops.integrations.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What Ticolops's mail says it is from; the SMTP server itself is Spring's {@code spring.mail.*} (host, port, username,
 * password). Without {@code spring.mail.host} no email is sent and email notifications cannot be chosen.
 */
@ConfigurationProperties("ticolops.mail")
public record MailProperties(@DefaultValue("Ticolops <ticolops@localhost>") String from) {
}
