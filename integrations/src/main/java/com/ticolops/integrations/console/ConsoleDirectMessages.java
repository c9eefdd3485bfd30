package com.ticolops.integrations.console;

import com.ticolops.integrations.chat.DirectMessenger;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A console user's direct messages are the console channel named {@code @name}, which the console page shows like any
 * other. Posted under the message's id, so a second attempt finds the first one's message: exactly once.
 */
@Component
class ConsoleDirectMessages implements DirectMessenger {

    private final ConsoleMessages messages;

    ConsoleDirectMessages(ConsoleMessages messages) {
        this.messages = messages;
    }

    @Override
    public Platform platform() {
        return Platform.CONSOLE;
    }

    @Override
    public void send(String userId, Reply message, UUID messageId) {
        messages.post(channelOf(userId), message, messageId);
    }

    static String channelOf(String userId) {
        return "@" + userId;
    }
}
