package com.ticolops.integrations.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.webhook.WebhookResponse;
import com.ticolops.integrations.chat.Actor;
import com.ticolops.integrations.chat.CommandInvocation;
import com.ticolops.integrations.chat.CommandPort;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slash commands and button clicks, handed to the dispatcher as neutral commands. Slack wants an ack within 3 s: a
 * command that finishes within {@code ackWait} answers in the ack itself; a slower one is acked empty and answers
 * through {@code response_url} when done. A trigger id is acted on once, so Slack's retries never run a command twice.
 */
class SlackCommands implements AutoCloseable {

    static final String MAIN_COMMAND = "/ticolops";
    private static final Logger log = LoggerFactory.getLogger(SlackCommands.class);
    /**
     * Commands mostly wait: on GitHub or GitLab (a deploy resolves its ref and lists its commits, hundreds of ms each),
     * rarely on the CPU. Eight workers held a deploy every 0.1 s back behind the ones waiting on the provider, past
     * Slack's ack; the pool is sized for waiting.
     */
    private static final int WORKERS = 64;

    private final CommandPort port;
    private final SlackRequests requests;
    private final Duration ackWait;
    private final ExecutorService workers;

    SlackCommands(CommandPort port, SlackRequests requests, Duration ackWait) {
        this.port = port;
        this.requests = requests;
        this.ackWait = ackWait;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "slack-command-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void registerOn(App app) {
        app.command(MAIN_COMMAND, (request, context) -> slash(request.getPayload(), "", context));
        for (String alias : SlackManifest.aliases(port.commands())) {
            app.command("/" + alias, (request, context) -> slash(request.getPayload(), alias + " ", context));
        }
        app.blockAction(Pattern.compile("^" + Pattern.quote(SlackBlocks.RUN_ACTION) + ".*"), (request, context) -> click(request.getPayload(), context));
        app.blockAction(Pattern.compile("^" + Pattern.quote(SlackBlocks.LINK_ACTION) + ".*"), (request, context) -> context.ack());
    }

    private Response slash(SlashCommandPayload payload, String prefix, SlashCommandContext context) {
        if (!firstTime(payload.getTriggerId())) {
            return context.ack();
        }
        String text = (prefix + (payload.getText() == null ? "" : payload.getText())).strip();
        CommandInvocation invocation = new CommandInvocation(new Actor(Platform.SLACK, payload.getUserId(), payload.getUserName()),
                new Conversation(Platform.SLACK, payload.getChannelId()), text);
        CompletableFuture<Reply> reply = CompletableFuture.supplyAsync(() -> port.handle(invocation), workers);
        try {
            List<SlackBlocks.Message> messages = SlackBlocks.render(reply.get(ackWait.toMillis(), TimeUnit.MILLISECONDS));
            String responseType = SlackBlocks.responseType(reply.join());
            if (messages.size() > 1) {
                workers.execute(() -> respond(context, responseType, messages.subList(1, messages.size())));
            }
            return context.ack(slashResponse(responseType, messages.get(0)));
        } catch (TimeoutException e) {
            reply.whenCompleteAsync((done, failure) -> respond(context, done, failure, invocation), workers);
            return context.ack();
        } catch (ExecutionException e) {
            log.error("Slack command `{}` from {} failed", text, invocation.actor(), e.getCause());
            return context.ack(slashResponse("ephemeral", SlackBlocks.render(failed()).get(0)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return context.ack();
        }
    }

    private Response click(BlockActionPayload payload, ActionContext context) {
        if (!firstTime(payload.getTriggerId())) {
            return context.ack();
        }
        if (payload.getChannel() == null || payload.getActions() == null || payload.getActions().isEmpty()) {
            respond(context, Reply.privately("This button works in a channel: run the command there instead."));
            return context.ack();
        }
        BlockActionPayload.User user = payload.getUser();
        CommandInvocation invocation = new CommandInvocation(
                new Actor(Platform.SLACK, user.getId(), user.getUsername() != null ? user.getUsername() : user.getName()),
                new Conversation(Platform.SLACK, payload.getChannel().getId()), payload.getActions().get(0).getValue());
        workers.execute(() -> {
            Reply reply;
            try {
                reply = port.handle(invocation);
            } catch (RuntimeException e) {
                log.error("Slack button `{}` from {} failed", invocation.text(), invocation.actor(), e);
                reply = failed();
            }
            respond(context, reply);
        });
        return context.ack();
    }

    private boolean firstTime(String triggerId) {
        return triggerId == null || requests.claim(triggerId);
    }

    private static Reply failed() {
        return Reply.privately("Something went wrong running that command; it was logged. Try again in a moment.");
    }

    private void respond(SlashCommandContext context, Reply reply, Throwable failure, CommandInvocation invocation) {
        if (failure != null) {
            log.error("Slack command `{}` from {} failed", invocation.text(), invocation.actor(), failure);
            reply = failed();
        }
        respond(context, SlackBlocks.responseType(reply), SlackBlocks.render(reply));
    }

    private static void respond(SlashCommandContext context, String responseType, List<SlackBlocks.Message> messages) {
        for (SlackBlocks.Message message : messages) {
            try {
                checked(context.respond(slashResponse(responseType, message)));
            } catch (IOException | RuntimeException e) {
                log.warn("Could not answer a Slack command through its response_url", e);
                return;
            }
        }
    }

    private static void respond(ActionContext context, Reply reply) {
        String responseType = SlackBlocks.responseType(reply);
        for (SlackBlocks.Message message : SlackBlocks.render(reply)) {
            try {
                checked(context.respond(ActionResponse.builder().responseType(responseType).replaceOriginal(false)
                        .text(message.text()).blocks(message.blocks()).build()));
            } catch (IOException | RuntimeException e) {
                log.warn("Could not answer a Slack button click through its response_url", e);
                return;
            }
        }
    }

    private static void checked(WebhookResponse response) {
        if (response.getCode() == null || response.getCode() / 100 != 2) {
            throw new IllegalStateException("response_url answered " + response.getCode() + ": " + response.getBody());
        }
    }

    private static SlashCommandResponse slashResponse(String responseType, SlackBlocks.Message message) {
        return SlashCommandResponse.builder().responseType(responseType).text(message.text()).blocks(message.blocks()).build();
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}
