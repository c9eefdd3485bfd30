package com.ticolops.integrations.mail;

/**
 * One message to one address, as plain text and as HTML.
 *
 * @param messageId the same on every attempt to send this message: it becomes the {@code Message-ID} header, so a
 *                  mail client shows a message that went out twice (a crash after the server took it) once
 */
public record Email(String to, String subject, String text, String html, String messageId) {
}
