package com.ticolops.integrations.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.ticolops.integrations.chat.ChatSender;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announcements through {@code chat.postMessage}: at most one message per channel per {@code channelInterval}, as
 * Slack asks, waiting out a {@code 429}'s {@code Retry-After}. Throws when a message was not delivered, so the event
 * publication registry keeps the announcement and tries again later: a crash can at worst post a message twice.
 */
class SlackSender implements ChatSender {

    private static final Logger log = LoggerFactory.getLogger(SlackSender.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final MethodsClient methods;
    private final Duration channelInterval;
    private final Duration maxRetryAfterWait;
    private final Map<String, Bucket> channels = new ConcurrentHashMap<>();

    SlackSender(MethodsClient methods, Duration channelInterval, Duration maxRetryAfterWait) {
        this.methods = methods;
        this.channelInterval = channelInterval;
        this.maxRetryAfterWait = maxRetryAfterWait;
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public void post(String channelId, Reply message) {
        try {
            for (SlackBlocks.Message part : SlackBlocks.render(message)) {
                channel(channelId).asBlocking().consume(1);
                send(channelId, part);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while posting to Slack channel " + channelId + "; the announcement stays queued", e);
        }
    }

    private Bucket channel(String channelId) {
        return channels.computeIfAbsent(channelId, id -> Bucket.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(1, channelInterval))
                .build());
    }

    private void send(String channelId, SlackBlocks.Message message) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            ChatPostMessageResponse response;
            try {
                response = methods.chatPostMessage(request -> request.channel(channelId).text(message.text()).blocks(message.blocks()));
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                if (status != 429 || attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("Slack answered HTTP " + status + " to chat.postMessage for channel " + channelId, e);
                }
                Duration wait = retryAfter(e.getResponse().header("Retry-After"));
                if (wait.compareTo(maxRetryAfterWait) > 0) {
                    throw new IllegalStateException("Slack asks to wait " + wait.toSeconds() + " s before posting to " + channelId
                            + "; the announcement stays queued", e);
                }
                log.info("Slack rate-limited chat.postMessage to {}; retrying in {} ms", channelId, wait.toMillis());
                Thread.sleep(wait.toMillis());
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not reach Slack to post to " + channelId, e);
            }
            if (!response.isOk()) {
                throw new IllegalStateException("Slack refused the message for channel " + channelId + ": " + response.getError());
            }
            return;
        }
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }
}
