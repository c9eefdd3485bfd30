package com.ticolops.bot.notification;

import com.ticolops.bot.command.ProjectRef;
import com.ticolops.bot.crypto.SecretCipher;
import com.ticolops.bot.project.Projects;
import com.ticolops.bot.repo.BaseUrlGuard;
import com.ticolops.bot.repo.RepoException;
import com.ticolops.bot.user.IdentityKind;
import com.ticolops.bot.user.Users;
import com.ticolops.integrations.mail.Email;
import com.ticolops.integrations.mail.Mailer;
import com.ticolops.integrations.webhook.SignedWebhooks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's notification preferences: where notifications go, which kinds, quiet hours and muted projects. Every
 * change is checked first and refused with a {@link NotificationException} that changes nothing. Outbound calls (the
 * verification email) run outside any transaction.
 */
@Service
class NotificationPreferences {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int TOKEN_BYTES = 32;

    private final StoredSettings settings;
    private final Routes routes;
    private final PersonalClock clock;
    private final Users users;
    private final Projects projects;
    private final Mailer mailer;
    private final SignedWebhooks webhooks;
    private final SecretCipher cipher;
    private final BaseUrlGuard guard;
    private final NotificationProperties properties;
    private final String publicUrl;
    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    NotificationPreferences(StoredSettings settings, Routes routes, PersonalClock clock, Users users, Projects projects, Mailer mailer,
                            SignedWebhooks webhooks, SecretCipher cipher, NotificationProperties properties, JdbcClient jdbc,
                            Environment environment) {
        this.settings = settings;
        this.routes = routes;
        this.clock = clock;
        this.users = users;
        this.projects = projects;
        this.mailer = mailer;
        this.webhooks = webhooks;
        this.cipher = cipher;
        this.guard = new BaseUrlGuard(properties.allowedNetworks());
        this.properties = properties;
        this.publicUrl = properties.publicUrl() != null ? properties.publicUrl() : environment.getProperty("ticolops.public-url", "http://localhost:8080");
        this.jdbc = jdbc;
    }

    /**
     * @param channel       where notifications go now; empty when the person has no chat account this Ticolops talks on
     * @param chosen        whether they chose it ({@code notify via}) rather than it being their chat account by default
     * @param destination   the email address or the webhook's host; empty for a chat channel
     * @param zone          the zone of their quiet hours
     * @param zoneStored    false when no time zone is stored for them, so {@code zone} is UTC
     */
    record Shown(Optional<Channel> channel, boolean chosen, Optional<String> destination, Optional<QuietHours> quiet, ZoneId zone,
                 boolean zoneStored, Set<NotificationKind> off, List<String> mutedProjects) {
    }

    Shown show(long userId) {
        StoredSettings.Row row = settings.of(userId);
        Optional<Channel> channel = routes.effective(userId, row);
        Optional<String> destination = channel.flatMap(c -> switch (c) {
            case EMAIL -> Optional.ofNullable(row.email());
            case WEBHOOK -> Optional.ofNullable(row.webhookUrl()).map(url -> URI.create(url).getHost());
            default -> Optional.empty();
        });
        Optional<ZoneId> stored = clock.storedZone(userId);
        return new Shown(channel, row.channel() != null, destination, Optional.ofNullable(row.quiet()), stored.orElse(ZoneOffset.UTC),
                stored.isPresent(), settings.kindsOff(userId), settings.mutedProjects(userId));
    }

    /** What {@code notify via} did. */
    sealed interface ViaResult {
    }

    /** Notifications go there now. */
    record Switched(Channel channel) implements ViaResult {
    }

    /** Notifications go to the webhook now; its secret is shown this once and kept encrypted. */
    record WebhookSet(String host, String secret) implements ViaResult {
    }

    /** Nothing changed yet: a link went to the address, and opening it switches notifications to email. */
    record VerificationSent(String address) implements ViaResult {
    }

    /**
     * @param target the webhook's URL, or the email address (default: the person's linked one); ignored for chat
     * @throws NotificationException NO_ACCOUNT, NOT_CONFIGURED, NO_EMAIL, INVALID_EMAIL, MAIL_FAILED, NO_URL or
     *                               WEBHOOK_REFUSED
     */
    ViaResult via(long userId, Channel channel, Optional<String> target) {
        if (!routes.available(channel)) {
            throw new NotificationException(NotificationException.Reason.NOT_CONFIGURED, channel.id());
        }
        return switch (channel) {
            case EMAIL -> email(userId, target);
            case WEBHOOK -> webhook(userId, target.orElseThrow(() -> new NotificationException(NotificationException.Reason.NO_URL, "webhook")));
            default -> {
                if (routes.account(userId, channel).isEmpty()) {
                    throw new NotificationException(NotificationException.Reason.NO_ACCOUNT, channel.id());
                }
                settings.chatChannel(userId, channel);
                yield new Switched(channel);
            }
        };
    }

    private ViaResult email(long userId, Optional<String> target) {
        String address = target.or(() -> users.identity(userId, IdentityKind.EMAIL))
                .orElseThrow(() -> new NotificationException(NotificationException.Reason.NO_EMAIL, "email"));
        if (!EMAIL.matcher(address).matches()) {
            throw new NotificationException(NotificationException.Reason.INVALID_EMAIL, address);
        }
        boolean verified = jdbc.sql("""
                        select count(*) from notification_email_verifications where user_id = ? and lower(address) = lower(?) and verified_at is not null""")
                .params(userId, address).query(Integer.class).single() > 0;
        if (verified) {
            settings.email(userId, address);
            return new Switched(Channel.EMAIL);
        }
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        jdbc.sql("insert into notification_email_verifications (token_sha256, user_id, address, expires_at) values (?, ?, ?, ?)")
                .params(sha256(encoded), userId, address, OffsetDateTime.now(ZoneOffset.UTC).plus(properties.verificationLifetime())).update();
        String link = publicUrl.replaceAll("/+$", "") + EmailVerificationController.PATH + "?token=" + encoded;
        Outgoing message = new Outgoing("notification.verification", "Confirm your address for Ticolops notifications",
                "Someone (we hope you) asked for Ticolops notifications at this address. Open the link to confirm; until then nothing is sent here.",
                link, List.of());
        try {
            mailer.send(new Email(address, message.subject(), message.plainText(), message.html(), "verify-" + encoded.substring(0, 16)));
        } catch (IllegalStateException e) {
            throw new NotificationException(NotificationException.Reason.MAIL_FAILED, address, e.getMessage());
        }
        return new VerificationSent(address);
    }

    private ViaResult webhook(long userId, String url) {
        try {
            guard.check(url);
        } catch (RepoException e) {
            throw new NotificationException(NotificationException.Reason.WEBHOOK_REFUSED, url, e.reason().name());
        }
        String secret = webhooks.newSecret();
        settings.webhook(userId, url, cipher.encrypt(secret));
        return new WebhookSet(URI.create(url).getHost(), secret);
    }

    /** The address whose link was opened; notifications go there from now on. */
    record Verified(long userId, String address) {
    }

    /** @throws NotificationException UNKNOWN_TOKEN for an unknown, expired or used link */
    @Transactional
    Verified verify(String token) {
        Verified verified = jdbc.sql("""
                        update notification_email_verifications set verified_at = now()
                        where token_sha256 = ? and verified_at is null and expires_at > now() returning user_id, address""")
                .param(sha256(token)).query((row, n) -> new Verified(row.getLong("user_id"), row.getString("address"))).optional()
                .orElseThrow(() -> new NotificationException(NotificationException.Reason.UNKNOWN_TOKEN, "link"));
        settings.email(verified.userId(), verified.address());
        return verified;
    }

    void kind(long userId, NotificationKind kind, boolean on) {
        settings.kind(userId, kind, on);
    }

    /**
     * @param typed a range like 19:00-08:00, or {@code off}
     * @return the quiet hours now, empty when turned off
     * @throws NotificationException INVALID_RANGE
     */
    Optional<QuietHours> quiet(long userId, String typed) {
        Optional<QuietHours> quiet = typed.equalsIgnoreCase("off") ? Optional.empty() : Optional.of(QuietHours.parse(typed)
                .orElseThrow(() -> new NotificationException(NotificationException.Reason.INVALID_RANGE, typed)));
        settings.quiet(userId, quiet.orElse(null));
        return quiet;
    }

    /** @throws NotificationException NOT_A_PROJECT when the person is no member of a project of that name */
    @Transactional
    ProjectRef mute(long userId, String projectName, boolean mute) {
        ProjectRef project = projects.byName(projectName).filter(p -> projects.roleOf(userId, p.id()).isPresent())
                .orElseThrow(() -> new NotificationException(NotificationException.Reason.NOT_A_PROJECT, projectName));
        settings.mute(userId, project.id(), mute);
        return project;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
