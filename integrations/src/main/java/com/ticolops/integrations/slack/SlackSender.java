package com.ticolops.integrations.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.ticolops.integrations.chat.ChatSender;
import com.ticolops.integrations.chat.MessageNotFoundException;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import com.ticolops.integrations.net.OutboundMetrics;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announcements through {@code chat.postMessage}, updated in place with {@code chat.update} and threaded with
 * {@code thread_ts}: at most one call per channel per {@code channelInterval}, as Slack asks. Slack's rate limits are
 * per method and workspace, so a {@code 429} pauses every call of that method, in every channel, until its
 * {@code Retry-After} is over. Messages to one channel go out one at a time, in the order they came: the one that met
 * the 429 goes first when the pause ends. Throws when a message was not delivered, so the event publication registry
 * keeps the announcement and tries again later: a crash can at worst post a message twice.
 */
class SlackSender implements ChatSender {

    private static final Logger log = LoggerFactory.getLogger(SlackSender.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    /** Slack's errors for a message or thread parent that no longer exists. */
    private static final Set<String> GONE = Set.of("message_not_found", "thread_not_found");

    private final MethodsClient methods;
    private final Duration channelInterval;
    private final Duration maxRetryAfterWait;
    private final OutboundMetrics metrics;
    private final Map<String, Bucket> channels = new ConcurrentHashMap<>();
    /** Per channel, fair: waiting messages go out in the order they came. */
    private final Map<String, Lock> inOrder = new ConcurrentHashMap<>();
    /** Per Web API method, the {@link System#nanoTime()} before which Slack asked us not to call it. */
    private final Map<String, Long> pausedUntil = new ConcurrentHashMap<>();

    SlackSender(MethodsClient methods, Duration channelInterval, Duration maxRetryAfterWait, OutboundMetrics metrics) {
        this.methods = methods;
        this.channelInterval = channelInterval;
        this.maxRetryAfterWait = maxRetryAfterWait;
        this.metrics = metrics;
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public String post(String channelId, Reply message) {
        return postAll(channelId, null, message);
    }

    @Override
    public String reply(String channelId, String parentRef, Reply message) {
        return postAll(channelId, parentRef, message);
    }

    /** The text of a split message beyond its first part is cut: an updated announcement stays one message. */
    @Override
    public void update(String channelId, String messageRef, Reply message) {
        SlackBlocks.Message first = SlackBlocks.render(message).get(0);
        inOrder(channelId, () -> call(channelId, "chat.update",
                () -> methods.chatUpdate(request -> request.channel(channelId).ts(messageRef).text(first.text()).blocks(first.blocks()))));
    }

    /** Every part of a split message, in the thread of {@code threadTs} when it is not null; the first part's ts. */
    private String postAll(String channelId, String threadTs, Reply message) {
        List<SlackBlocks.Message> parts = SlackBlocks.render(message);
        return inOrder(channelId, () -> {
            String first = null;
            for (SlackBlocks.Message part : parts) {
                ChatPostMessageResponse response = call(channelId, "chat.postMessage", () -> methods.chatPostMessage(
                        request -> request.channel(channelId).threadTs(threadTs).text(part.text()).blocks(part.blocks())));
                if (first == null) {
                    first = response.getTs();
                }
            }
            return first;
        });
    }

    /** Runs {@code delivery} when the channel's earlier messages are out; they may be waiting out a 429. */
    private <T> T inOrder(String channelId, Supplier<T> delivery) {
        Lock lock = inOrder.computeIfAbsent(channelId, id -> new ReentrantLock(true));
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to post in Slack channel " + channelId + "; the announcement stays queued", e);
        }
        try {
            return delivery.get();
        } finally {
            lock.unlock();
        }
    }

    private Bucket channel(String channelId) {
        return channels.computeIfAbsent(channelId, id -> Bucket.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(1, channelInterval))
                .build());
    }

    private interface SlackCall<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    private <T extends SlackApiTextResponse> T call(String channelId, String method, SlackCall<T> call) {
        try {
            for (int attempt = 1; ; attempt++) {
                waitOutPause(channelId, method);
                channel(channelId).asBlocking().consume(1);
                T response;
                try {
                    response = call.call();
                } catch (SlackApiException e) {
                    int status = e.getResponse().code();
                    if (status != 429 || attempt == MAX_ATTEMPTS) {
                        throw new IllegalStateException("Slack answered HTTP " + status + " to " + method + " for channel " + channelId, e);
                    }
                    Duration wait = retryAfter(e.getResponse().header("Retry-After"));
                    pausedUntil.merge(method, System.nanoTime() + wait.toNanos(), Math::max);
                    log.info("Slack rate-limited {} in {}; pausing {} in every channel for {} ms", method, channelId, method, wait.toMillis());
                    continue;
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not reach Slack for " + method + " in " + channelId, e);
                }
                if (!response.isOk()) {
                    if (GONE.contains(response.getError())) {
                        throw new MessageNotFoundException("Slack answered " + response.getError() + " to " + method + " in " + channelId);
                    }
                    throw new IllegalStateException("Slack refused " + method + " for channel " + channelId + ": " + response.getError());
                }
                return response;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " in Slack channel " + channelId + "; the announcement stays queued", e);
        }
    }

    /**
     * Sleeps until Slack's pause of {@code method} is over. A pause longer than {@code maxRetryAfterWait} fails the
     * delivery instead, so the registry retries it later and no thread is held that long. The Slack client itself never
     * waits: this sleep is the only rate-limit wait of Slack's calls.
     */
    private void waitOutPause(String channelId, String method) throws InterruptedException {
        Long until = pausedUntil.get(method);
        long remaining = until == null ? 0 : until - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        if (remaining > maxRetryAfterWait.toNanos()) {
            throw new IllegalStateException("Slack asks to wait " + Duration.ofNanos(remaining).toSeconds() + " s before " + method + " in "
                    + channelId + "; the announcement stays queued");
        }
        long start = System.nanoTime();
        try {
            Thread.sleep(Duration.ofNanos(remaining).toMillis() + 1);
        } finally {
            metrics.waited(OutboundMetrics.Target.SLACK, System.nanoTime() - start);
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
