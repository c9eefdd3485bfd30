package com.ticolops.bot.notification;

import com.ticolops.bot.crypto.SecretCipher;
import com.ticolops.bot.repo.BaseUrlGuard;
import com.ticolops.bot.user.IdentityKind;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.chat.DirectMessenger;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.mail.Email;
import com.ticolops.integrations.mail.Mailer;
import com.ticolops.integrations.webhook.SignedWebhook;
import com.ticolops.integrations.webhook.SignedWebhooks;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a message to a person by the channel they chose, or by default to their chat account: Slack, else Discord,
 * else the console, whichever this Ticolops talks on and they have an account on. Every send blocks until the
 * channel took the message and throws when it did not, so the caller tries again later; it says when no channel
 * reaches the person at all. Never called inside a
 * database transaction.
 */
@Component
class Routes {

    private static final List<Channel> CHAT_DEFAULTS = List.of(Channel.SLACK, Channel.DISCORD, Channel.CONSOLE);

    /**
     * Looked up when used: Discord's messenger needs JDA, JDA needs the command dispatcher, and the dispatcher needs
     * the notify commands, which need this.
     */
    private final ObjectProvider<DirectMessenger> messengers;
    private final Users users;
    private final StoredSettings settings;
    private final Mailer mailer;
    private final SignedWebhooks webhooks;
    private final SecretCipher cipher;
    private final BaseUrlGuard guard;
    private final JsonMapper json;

    Routes(ObjectProvider<DirectMessenger> messengers, Users users, StoredSettings settings, Mailer mailer, SignedWebhooks webhooks, SecretCipher cipher,
           NotificationProperties properties, JsonMapper json) {
        this.messengers = messengers;
        this.users = users;
        this.settings = settings;
        this.mailer = mailer;
        this.webhooks = webhooks;
        this.cipher = cipher;
        this.guard = new BaseUrlGuard(properties.allowedNetworks());
        this.json = json;
    }

    /** Whether this Ticolops can send on the channel at all (Slack and Discord need their tokens, email an SMTP server). */
    boolean available(Channel channel) {
        return switch (channel) {
            case EMAIL -> mailer.available();
            case WEBHOOK -> true;
            default -> messenger(channel.platform().orElseThrow()).isPresent();
        };
    }

    /** The person's account on the channel's chat platform. */
    Optional<String> account(long userId, Channel channel) {
        return channel.platform().flatMap(platform -> users.identity(userId, IdentityKind.of(platform)));
    }

    /** The channel the person's notifications take now; empty when they chose none and have no chat account we talk on. */
    Optional<Channel> effective(long userId, StoredSettings.Row row) {
        if (row.channel() != null) {
            return Optional.of(row.channel());
        }
        return CHAT_DEFAULTS.stream().filter(this::available).filter(channel -> account(userId, channel).isPresent()).findFirst();
    }

    /**
     * @param id the message's id, the same on every attempt: the console posts it once, email carries it as its
     *           Message-ID and webhooks as their {@code webhook-id}, so receivers can drop a repeat
     * @return false when no channel reaches the person, and nothing was sent: no chat account this Ticolops talks on, or
     *         a channel chosen that is not configured here. That is how things are set up, not an outage: trying again
     *         would not change it
     * @throws IllegalStateException when the channel could not take the message now
     */
    boolean send(long userId, Outgoing message, UUID id) {
        StoredSettings.Row row = settings.of(userId);
        Optional<Channel> channel = effective(userId, row).filter(this::available);
        if (channel.isEmpty()) {
            return false;
        }
        switch (channel.get()) {
            case EMAIL -> mailer.send(new Email(row.email(), "[Ticolops] " + message.subject(), message.plainText(), message.html(), id.toString()));
            case WEBHOOK -> webhook(row, message, id);
            default -> {
                Optional<String> account = account(userId, channel.get());
                if (account.isEmpty()) {
                    return false;
                }
                messenger(channel.get().platform().orElseThrow()).orElseThrow().send(account.get(), message.reply(), id);
            }
        }
        return true;
    }

    private Optional<DirectMessenger> messenger(Platform platform) {
        return messengers.stream().filter(messenger -> messenger.platform() == platform).findFirst();
    }

    /** Checked again right before the call, as DNS may have changed since the URL was stored, and pinned to what was checked. */
    private void webhook(StoredSettings.Row row, Outgoing message, UUID id) {
        BaseUrlGuard.Checked checked = guard.check(row.webhookUrl());
        webhooks.post(new SignedWebhook(row.webhookUrl(), checked.addresses(), cipher.decrypt(row.webhookSecret())), "msg_" + id,
                json.writeValueAsString(payload(message)));
    }

    /** The Standard Webhooks payload shape: {@code type}, {@code timestamp} and the {@code data}. */
    private static Map<String, Object> payload(Outgoing message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", message.type());
        body.put("timestamp", Instant.now().toString());
        body.put("data", data(message));
        return body;
    }

    private static Map<String, Object> data(Outgoing message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subject", message.subject());
        data.put("text", message.text());
        data.put("link", message.link());
        if (!message.parts().isEmpty()) {
            data.put("notifications", message.parts().stream().map(Routes::part).toList());
        }
        return data;
    }

    private static Map<String, Object> part(Outgoing part) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("type", part.type());
        one.putAll(data(part));
        return one;
    }
}
