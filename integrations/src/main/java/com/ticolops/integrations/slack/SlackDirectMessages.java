package com.ticolops.integrations.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.ticolops.integrations.chat.DirectMessenger;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * A direct message on Slack: {@code conversations.open} with the user gives the bot's DM channel with them (the same
 * one each time, so it is not remembered), and the message goes there through {@link SlackSender}, with its rate
 * limits and {@code Retry-After} handling. At least once: Slack cannot tell a second attempt from a new message.
 */
class SlackDirectMessages implements DirectMessenger {

    private final MethodsClient methods;
    private final SlackSender sender;

    SlackDirectMessages(MethodsClient methods, SlackSender sender) {
        this.methods = methods;
        this.sender = sender;
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public void send(String userId, Reply message, UUID messageId) {
        ConversationsOpenResponse opened;
        try {
            opened = methods.conversationsOpen(request -> request.users(List.of(userId)).returnIm(false));
        } catch (SlackApiException e) {
            throw new IllegalStateException("Slack answered HTTP " + e.getResponse().code() + " to conversations.open with " + userId, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not reach Slack for conversations.open with " + userId, e);
        }
        if (!opened.isOk()) {
            throw new IllegalStateException("Slack refused conversations.open with " + userId + ": " + opened.getError());
        }
        sender.post(opened.getChannel().getId(), message);
    }
}
