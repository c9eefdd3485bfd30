package com.ticolops.integrations.console;

import com.ticolops.integrations.chat.Actor;
import com.ticolops.integrations.chat.CommandInvocation;
import com.ticolops.integrations.chat.CommandPort;
import com.ticolops.integrations.chat.Conversation;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local console as a chat platform: commands go through the same dispatcher Slack and Discord use, and
 * in-channel replies and announcements land in the channel's feed.
 */
@RestController
@RequestMapping("/api/v1/console")
class ConsoleController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String NAME_RULE = " must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";
    /** A channel, or {@code @name}: the direct messages of the console user {@code name} (see {@link ConsoleDirectMessages}). */
    private static final Pattern CHANNEL = Pattern.compile("@?" + NAME.pattern());
    private static final String CHANNEL_RULE = NAME_RULE + ", after an '@' for a person's direct messages";
    private static final Pattern SLASH_COMMAND = Pattern.compile("^/ticolops(\\s+|$)");
    private static final int MAX_TEXT = 4000;

    private final CommandPort commands;
    private final ConsoleMessages messages;

    ConsoleController(CommandPort commands, ConsoleMessages messages) {
        this.commands = commands;
        this.messages = messages;
    }

    record CommandRequest(String user, String channel, String text) {
    }

    @PostMapping("/commands")
    ResponseEntity<?> run(@RequestBody CommandRequest request) {
        String problem = validate(request);
        if (problem != null) {
            return badRequest(problem);
        }
        String text = SLASH_COMMAND.matcher(request.text().strip()).replaceFirst("");
        Conversation conversation = new Conversation(Platform.CONSOLE, request.channel());
        Reply reply = commands.handle(new CommandInvocation(new Actor(Platform.CONSOLE, request.user(), request.user()), conversation, text));
        if (reply.visibility() == Reply.Visibility.IN_CHANNEL) {
            messages.post(request.channel(), reply);
        }
        return ResponseEntity.ok(reply);
    }

    /**
     * The channel's messages changed after {@code after}: new ones and edited ones, each with its {@code seq} (the
     * last change), {@code parentId} for replies, {@code editedAt} and {@code edits}.
     */
    @GetMapping("/channels/{channel}/messages")
    ResponseEntity<?> messages(@PathVariable String channel, @RequestParam(defaultValue = "0") long after) {
        if (!CHANNEL.matcher(channel).matches()) {
            return badRequest("channel" + CHANNEL_RULE);
        }
        List<ConsoleMessages.ConsoleMessage> page = messages.after(channel, after);
        return ResponseEntity.ok(page);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return badRequest("the body must be JSON like {\"user\": \"alice\", \"channel\": \"general\", \"text\": \"/ticolops help\"}");
    }

    private static String validate(CommandRequest request) {
        if (request.user() == null || !NAME.matcher(request.user()).matches()) {
            return "user" + NAME_RULE;
        }
        if (request.channel() == null || !CHANNEL.matcher(request.channel()).matches()) {
            return "channel" + CHANNEL_RULE;
        }
        if (request.text() == null || request.text().isBlank()) {
            return "text is empty: type a command such as /ticolops help";
        }
        if (request.text().length() > MAX_TEXT) {
            return "text is longer than " + MAX_TEXT + " characters";
        }
        return null;
    }

    private static ResponseEntity<Map<String, String>> badRequest(String error) {
        return ResponseEntity.badRequest().body(Map.of("error", error));
    }
}
