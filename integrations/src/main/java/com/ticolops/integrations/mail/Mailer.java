package com.ticolops.integrations.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends email through Spring's {@link JavaMailSender}, which Boot configures from {@code spring.mail.*}: a
 * multipart/alternative message, so every client shows either the text or the HTML. Blocks until the SMTP server
 * took the message and throws when it did not.
 */
@Component
@EnableConfigurationProperties(MailProperties.class)
public class Mailer {

    private final ObjectProvider<JavaMailSender> sender;
    private final MailProperties properties;

    Mailer(ObjectProvider<JavaMailSender> sender, MailProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    /** Whether an SMTP server is configured. */
    public boolean available() {
        return sender.getIfAvailable() != null;
    }

    /** @throws IllegalStateException when no SMTP server is configured or it did not take the message */
    public void send(Email email) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            throw new IllegalStateException("No SMTP server is configured (spring.mail.host): the email to " + email.to() + " is not sent");
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            // JavaMailSenderImpl keeps a Message-ID set beforehand rather than making up a new one.
            message.setHeader("Message-ID", "<" + email.messageId() + "@" + domain() + ">");
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(email.to());
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            mail.send(message);
        } catch (MessagingException | MailException e) {
            throw new IllegalStateException("The SMTP server did not take the email to " + email.to() + ": " + e.getMessage(), e);
        }
    }

    private String domain() {
        String from = properties.from();
        int at = from.lastIndexOf('@');
        return at < 0 ? "ticolops" : from.substring(at + 1).replace(">", "").strip().toLowerCase(Locale.ROOT);
    }
}
