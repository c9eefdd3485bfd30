package com.ticolops.integrations.discord;

import com.ticolops.integrations.chat.Reply;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Renders a {@link Reply} as Discord messages: the text as embed descriptions, sections as full-width fields, fields
 * side by side, buttons in action rows. Whatever does not fit Discord's limits continues in further embeds and
 * messages; nothing is cut. Mentions ({@code <@123>}) pass through unchanged, so embeds show them as users.
 */
final class DiscordReplies {

    /** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
    static final int MAX_DESCRIPTION = 4096;
    static final int MAX_FIELD_NAME = 256;
    static final int MAX_FIELD_VALUE = 1024;
    static final int MAX_FIELDS = 25;
    /** Per embed, and also the sum over all embeds of one message. */
    static final int MAX_MESSAGE_EMBED_CHARS = 6000;
    static final int MAX_EMBEDS = 10;
    static final int MAX_BUTTONS_PER_ROW = 5;
    static final int MAX_ROWS = 5;
    static final int MAX_LABEL = 80;
    static final int MAX_URL = 512;
    private static final String BLANK = "\u200b";

    private final DiscordButtons buttons;

    DiscordReplies(DiscordButtons buttons) {
        this.buttons = buttons;
    }

    List<MessageCreateData> render(Reply reply) {
        List<Piece> pieces = new ArrayList<>();
        split(reply.text(), MAX_DESCRIPTION).forEach(chunk -> pieces.add(new Piece(null, chunk, false)));
        reply.sections().forEach(section -> addField(pieces, section.title(), section.body(), false));
        reply.fields().forEach(field -> addField(pieces, field.name(), field.value(), true));
        List<Button> rendered = new ArrayList<>();
        for (Reply.Button button : reply.buttons()) {
            if (button.url() != null && button.url().length() > MAX_URL) {
                // Discord refuses a link button this long; the link itself is still worth showing. (Reply keeps only http(s) links.)
                addField(pieces, button.label(), button.url(), false);
            } else {
                rendered.add(button(button));
            }
        }

        List<MessageCreateBuilder> messages = pack(pieces);
        List<List<Button>> rowsOfButtons = chunks(rendered, MAX_BUTTONS_PER_ROW);
        List<List<List<Button>>> perMessage = chunks(rowsOfButtons, MAX_ROWS);
        for (int i = 0; i < perMessage.size(); i++) {
            if (i > 0 || messages.isEmpty()) {
                messages.add(new MessageCreateBuilder());
            }
            messages.get(messages.size() - 1).setComponents(perMessage.get(i).stream().map(ActionRow::of).toList());
        }
        if (messages.isEmpty()) {
            messages.add(new MessageCreateBuilder().setEmbeds(new EmbedBuilder().setDescription(BLANK).build()));
        }
        return messages.stream().map(MessageCreateBuilder::build).toList();
    }

    private Button button(Reply.Button button) {
        String label = button.label().length() <= MAX_LABEL ? button.label() : button.label().substring(0, MAX_LABEL - 1) + "…";
        return button.url() != null ? Button.link(button.url(), label) : Button.primary(buttons.customId(button.command()), label);
    }

    /** A description (name null) or a field of an embed. */
    private record Piece(String name, String value, boolean inline) {

        int length() {
            return (name == null ? 0 : name.length()) + value.length();
        }
    }

    private static void addField(List<Piece> pieces, String name, String value, boolean inline) {
        String title = name == null || name.isBlank() ? BLANK : name;
        String body = value == null || value.isBlank() ? BLANK : value;
        if (title.length() > MAX_FIELD_NAME) {
            // The full title moves into the body, so the shortened name loses nothing.
            body = title + "\n" + body;
            title = title.substring(0, MAX_FIELD_NAME - 1) + "…";
        }
        List<String> chunks = split(body, MAX_FIELD_VALUE);
        for (int i = 0; i < chunks.size(); i++) {
            String continued = i == 0 ? title : continued(title);
            pieces.add(new Piece(continued, chunks.get(i), inline && chunks.size() == 1));
        }
    }

    private static String continued(String title) {
        String suffix = " (continued)";
        return title.equals(BLANK) ? BLANK : title.length() + suffix.length() <= MAX_FIELD_NAME ? title + suffix : title;
    }

    /** Descriptions start a new embed; fields fill the current one; a message holds up to 10 embeds and 6000 characters. */
    private static List<MessageCreateBuilder> pack(List<Piece> pieces) {
        List<MessageCreateBuilder> messages = new ArrayList<>();
        List<MessageEmbed> embeds = new ArrayList<>();
        EmbedBuilder embed = null;
        int fields = 0;
        int chars = 0;
        for (Piece piece : pieces) {
            boolean newEmbed = embed == null || piece.name() == null || fields == MAX_FIELDS;
            boolean newMessage = chars + piece.length() > MAX_MESSAGE_EMBED_CHARS || (newEmbed && embeds.size() + (embed == null ? 0 : 1) == MAX_EMBEDS);
            if (newMessage && embed != null) {
                embeds.add(embed.build());
                messages.add(new MessageCreateBuilder().setEmbeds(embeds));
                embeds = new ArrayList<>();
                embed = null;
                chars = 0;
            } else if (newEmbed && embed != null) {
                embeds.add(embed.build());
                embed = null;
            }
            if (embed == null) {
                embed = new EmbedBuilder();
                fields = 0;
            }
            if (piece.name() == null) {
                embed.setDescription(piece.value());
            } else {
                embed.addField(piece.name(), piece.value(), piece.inline());
                fields++;
            }
            chars += piece.length();
        }
        if (embed != null) {
            embeds.add(embed.build());
            messages.add(new MessageCreateBuilder().setEmbeds(embeds));
        }
        return messages;
    }

    /** Cuts text into chunks of at most {@code limit} characters, at a line break or space where there is one. */
    static List<String> split(String text, int limit) {
        List<String> chunks = new ArrayList<>();
        String rest = text == null ? "" : text.strip();
        while (rest.length() > limit) {
            int cut = rest.lastIndexOf('\n', limit);
            if (cut <= 0) {
                cut = rest.lastIndexOf(' ', limit);
            }
            if (cut <= 0) {
                cut = limit;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            chunks.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) {
            chunks.add(rest);
        }
        return chunks;
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }
}
