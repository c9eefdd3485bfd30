package com.ticolops.integrations.chat;

/** Posts a message to a channel of one platform. */
public interface ChatSender {

    Platform platform();

    void post(String channelId, Reply message);
}
