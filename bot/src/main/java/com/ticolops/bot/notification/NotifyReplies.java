package com.ticolops.bot.notification;

import com.ticolops.bot.command.CommandException;
import com.ticolops.integrations.chat.Platform;
import java.time.ZoneId;

/** How the notify commands word channels, quiet hours and refusals. */
final class NotifyReplies {

    private NotifyReplies() {
    }

    /** A direct message on the platform the person is typing on is "here": the same words on every platform. */
    static String describe(Channel channel, Platform here) {
        if (channel.platform().filter(here::equals).isPresent()) {
            return "direct message here";
        }
        return switch (channel) {
            case SLACK -> "Slack direct message";
            case DISCORD -> "Discord direct message";
            case CONSOLE -> "console direct message";
            case EMAIL -> "email";
            case WEBHOOK -> "your webhook";
        };
    }

    static String quiet(QuietHours quiet, ZoneId zone, boolean zoneStored) {
        return quiet + (zoneStored ? " " + zone.getId() : " UTC (no time zone is stored for you yet, so UTC)");
    }

    static CommandException refused(NotificationException e) {
        return new CommandException(switch (e.reason()) {
            case INVALID_RANGE -> "`" + e.subject() + "` is not a time range: give two times of day, like 19:00-08:00 (it may run past midnight), or off. "
                    + "Nothing changed.";
            case NO_ACCOUNT -> "You have no " + e.subject() + " account linked to you, so no direct message can reach you there. Run "
                    + "`/ticolops link account` on " + e.subject() + " first. Nothing changed.";
            case NOT_CONFIGURED -> "This Ticolops does not send by " + e.subject() + (e.subject().equals("email")
                    ? ": no SMTP server is configured (spring.mail.host)." : ": it is not connected to " + e.subject() + ".") + " Nothing changed.";
            case NO_EMAIL -> "Which address? Give it, e.g. `/ticolops notify via email jane@example.com`, or link one with `/ticolops link email`.";
            case INVALID_EMAIL -> "`" + e.subject() + "` is not an email address, like jane@example.com. Nothing changed.";
            case MAIL_FAILED -> "The verification email to " + e.subject() + " could not be sent; try again later. Nothing changed.";
            case NO_URL -> "Give your webhook's URL: `/ticolops notify via webhook https://example.com/hooks/ticolops`. Nothing changed.";
            case WEBHOOK_REFUSED -> "Ticolops does not call `" + e.subject() + "`: " + webhookRefusal(e.detail()) + " Nothing changed.";
            case NOT_A_PROJECT -> "You have no project named " + e.subject() + ". See yours with /ticolops project list.";
            case UNKNOWN_TOKEN -> "That verification link is unknown or has expired.";
        });
    }

    /** @param reason the name of the SSRF guard's reason (see repo's BaseUrlGuard) */
    private static String webhookRefusal(String reason) {
        return switch (reason) {
            case "INTERNAL_ADDRESS", "METADATA_SERVICE" -> "it is an internal address, and a webhook must be reachable on the internet.";
            case "NEEDS_HTTPS" -> "a webhook must use https.";
            case "UNRESOLVABLE" -> "its host name does not resolve.";
            default -> "it is not a web address like https://example.com/hooks/ticolops.";
        };
    }
}
