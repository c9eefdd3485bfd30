package com.ticolops.integrations.chat;

/** The message to update or reply to no longer exists on the platform, typically because someone deleted it. */
public class MessageNotFoundException extends RuntimeException {

    public MessageNotFoundException(String message) {
        super(message);
    }

    public MessageNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
