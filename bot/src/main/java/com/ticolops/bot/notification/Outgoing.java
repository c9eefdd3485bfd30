package com.ticolops.bot.notification;

import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * A message to one person, ready for any channel: one notification, or the batch of those held over quiet hours.
 *
 * @param type  {@code notification.<kind>} or {@code notification.batch}, the Standard Webhooks payload type
 * @param link  null when there is none
 * @param parts the notifications of a batch, empty for one
 */
record Outgoing(String type, String subject, String text, String link, List<Outgoing> parts) {

    Outgoing {
        parts = List.copyOf(parts);
    }

    private static final Pattern WEB_LINK = Pattern.compile("(?i)https?://[^\\s/?#]\\S*");

    /** A link that is not a web address (javascript:, data:) is dropped: emails and webhooks would pass it on. */
    static Outgoing of(NotificationKind kind, String subject, String text, String link) {
        return new Outgoing("notification." + kind.id(), subject, text, link == null || !WEB_LINK.matcher(link).matches() ? null : link, List.of());
    }

    static Outgoing batch(List<Outgoing> held) {
        String subject = held.size() == 1 ? "1 notification from your quiet hours" : held.size() + " notifications from your quiet hours";
        return new Outgoing("notification.batch", subject, "", null, held);
    }

    Reply reply() {
        Reply reply = Reply.inChannel(text.isBlank() ? subject : subject + "\n" + text);
        if (link != null) {
            reply = reply.withLink("Open", link);
        }
        for (Outgoing part : parts) {
            reply = reply.withSection(part.subject(), part.text() + (part.link() == null ? "" : (part.text().isBlank() ? "" : "\n") + part.link()));
        }
        return reply;
    }

    String plainText() {
        StringBuilder body = new StringBuilder(subject).append("\n");
        if (!text.isBlank()) {
            body.append("\n").append(text).append("\n");
        }
        if (link != null) {
            body.append("\n").append(link).append("\n");
        }
        parts.forEach(part -> body.append("\n- ").append(part.plainText().strip().replace("\n", "\n  ")).append("\n"));
        return body.toString();
    }

    String html() {
        return "<!doctype html><html><body>" + fragment() + "</body></html>";
    }

    /** Everything the message says is escaped: subjects and texts quote pull request titles and comments. */
    private String fragment() {
        StringBuilder body = new StringBuilder("<p><strong>").append(HtmlUtils.htmlEscape(subject)).append("</strong></p>");
        if (!text.isBlank()) {
            body.append("<p>").append(HtmlUtils.htmlEscape(text).replace("\n", "<br>")).append("</p>");
        }
        if (link != null) {
            body.append("<p><a href=\"").append(HtmlUtils.htmlEscape(link)).append("\">Open</a></p>");
        }
        if (!parts.isEmpty()) {
            body.append("<ul>");
            parts.forEach(part -> body.append("<li>").append(part.fragment()).append("</li>"));
            body.append("</ul>");
        }
        return body.toString();
    }
}
