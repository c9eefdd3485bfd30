package com.ticolops.integrations.mail;

import com.ticolops.integrations.net.OutboundMetrics;
import com.ticolops.integrations.net.OutboundMetrics.Outcome;
import com.ticolops.integrations.net.OutboundMetrics.Target;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
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
    private final OutboundMetrics metrics;

    Mailer(ObjectProvider<JavaMailSender> sender, MailProperties properties, OutboundMetrics metrics) {
        this.sender = sender;
        this.properties = properties;
        this.metrics = metrics;
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
            send(mail, message);
        } catch (MessagingException | MailException e) {
            throw new IllegalStateException("The SMTP server did not take the email to " + email.to() + ": " + e.getMessage(), e);
        }
    }

    /** Spring's mail sender tells no one what it sent: the one call that talks to the SMTP server is timed here. */
    private void send(JavaMailSender mail, MimeMessage message) {
        long start = System.nanoTime();
        Outcome outcome = Outcome.SERVER_ERROR;
        try {
            mail.send(message);
            outcome = Outcome.SUCCESS;
        } catch (MailException e) {
            outcome = outcome(e);
            throw e;
        } finally {
            metrics.called(Target.SMTP, outcome, System.nanoTime() - start);
        }
    }

    /**
     * Refused credentials, sender or recipients are ours to fix; no connection is unreachable; anything else is the
     * server's. What a message's sending threw is kept beside the exception rather than as its cause.
     */
    private static Outcome outcome(MailException failure) {
        if (failure instanceof MailAuthenticationException) {
            return Outcome.CLIENT_ERROR;
        }
        List<Throwable> failures = new ArrayList<>(List.of(failure));
        if (failure instanceof MailSendException send) {
            failures.addAll(List.of(send.getMessageExceptions()));
        }
        for (Throwable each : failures) {
            for (Throwable cause = each; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof SendFailedException) {
                    return Outcome.CLIENT_ERROR;
                }
                if (cause instanceof IOException) {
                    return Outcome.UNREACHABLE;
                }
            }
        }
        return Outcome.SERVER_ERROR;
    }

    private String domain() {
        String from = properties.from();
        int at = from.lastIndexOf('@');
        return at < 0 ? "ticolops" : from.substring(at + 1).replace(">", "").strip().toLowerCase(Locale.ROOT);
    }
}
