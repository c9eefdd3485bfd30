package com.ticolops.integrations.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.ticolops.integrations.chat.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Reply} as Block Kit within Slack's limits. Long text is split across blocks, and blocks across
 * messages, never cut: a reader sees everything the domain said, in order.
 */
final class SlackBlocks {

    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_FIELDS = 10;
    static final int MAX_FIELD_TEXT = 2000;
    static final int MAX_BUTTONS = 25;
    static final int MAX_BUTTON_LABEL = 75;
    static final int MAX_BUTTON_VALUE = 2000;
    /** Action ids of buttons that run a command; the button's value is the command text. */
    static final String RUN_ACTION = "ticolops-run-";
    /** Action ids of link buttons: Slack reports their clicks too, and we only acknowledge them. */
    static final String LINK_ACTION = "ticolops-link-";

    /** Slack's control sequences (mentions, channel links, {@code <!here>}): kept as they are, everything else escaped. */
    private static final Pattern CONTROL = Pattern.compile("<[@#!][^<>\\s]*>");

    private SlackBlocks() {
    }

    /** One Slack message: a notification fallback {@code text} and the blocks shown. */
    record Message(String text, List<LayoutBlock> blocks) {
    }

    static String responseType(Reply reply) {
        return reply.visibility() == Reply.Visibility.IN_CHANNEL ? "in_channel" : "ephemeral";
    }

    static List<Message> render(Reply reply) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (reply.text() != null && !reply.text().isBlank()) {
            sections(escape(reply.text()), blocks);
        }
        for (Reply.Section section : reply.sections()) {
            sections(bold(section.title()) + "\n" + escape(section.body()), blocks);
        }
        fields(reply.fields(), blocks);
        buttons(reply.buttons(), blocks);
        String fallback = fallback(reply);
        if (blocks.size() <= MAX_BLOCKS) {
            return List.of(new Message(fallback, blocks));
        }
        int perMessage = MAX_BLOCKS - 1;
        int parts = (blocks.size() + perMessage - 1) / perMessage;
        List<Message> messages = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            List<LayoutBlock> page = new ArrayList<>(blocks.subList(part * perMessage, Math.min(blocks.size(), (part + 1) * perMessage)));
            page.add(context("Part " + (part + 1) + " of " + parts));
            messages.add(new Message(part == 0 ? fallback : fallback + " (part " + (part + 1) + " of " + parts + ")", page));
        }
        return messages;
    }

    /** Escapes mrkdwn's three special characters, keeping mentions such as {@code <@U123>} as Slack mentions. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher control = CONTROL.matcher(text);
        int at = 0;
        while (control.find()) {
            out.append(escapePlain(text.substring(at, control.start()))).append(control.group());
            at = control.end();
        }
        return out.append(escapePlain(text.substring(at))).toString();
    }

    private static String escapePlain(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String bold(String title) {
        return "*" + escape(title) + "*";
    }

    private static String fallback(Reply reply) {
        String text = reply.text() != null && !reply.text().isBlank() ? reply.text()
                : reply.sections().isEmpty() ? "Ticolops" : reply.sections().get(0).title();
        return chunks(escape(text), MAX_SECTION_TEXT).get(0);
    }

    private static void sections(String mrkdwn, List<LayoutBlock> blocks) {
        for (String chunk : chunks(mrkdwn, MAX_SECTION_TEXT)) {
            blocks.add(SectionBlock.builder().text(markdown(chunk)).build());
        }
    }

    private static void fields(List<Reply.Field> fields, List<LayoutBlock> blocks) {
        List<TextObject> row = new ArrayList<>();
        for (Reply.Field field : fields) {
            String text = bold(field.name()) + "\n" + escape(field.value());
            if (text.length() > MAX_FIELD_TEXT) {
                flushFields(row, blocks);
                sections(text, blocks);
                continue;
            }
            row.add(markdown(text));
            if (row.size() == MAX_FIELDS) {
                flushFields(row, blocks);
            }
        }
        flushFields(row, blocks);
    }

    private static void flushFields(List<TextObject> row, List<LayoutBlock> blocks) {
        if (!row.isEmpty()) {
            blocks.add(SectionBlock.builder().fields(List.copyOf(row)).build());
            row.clear();
        }
    }

    private static void buttons(List<Reply.Button> buttons, List<LayoutBlock> blocks) {
        List<BlockElement> row = new ArrayList<>();
        int index = 0;
        for (Reply.Button button : buttons) {
            ButtonElement.ButtonElementBuilder element = ButtonElement.builder().text(plain(label(button.label())));
            if (button.url() != null) {
                element.actionId(LINK_ACTION + index).url(button.url());
            } else if (button.command().length() <= MAX_BUTTON_VALUE) {
                element.actionId(RUN_ACTION + index).value(button.command());
            } else {
                // Too long to carry in a button's value: show the command so it can be typed instead.
                sections(bold(button.label()) + "\n`/ticolops " + escape(button.command()) + "`", blocks);
                continue;
            }
            index++;
            row.add(element.build());
            if (row.size() == MAX_BUTTONS) {
                blocks.add(ActionsBlock.builder().elements(List.copyOf(row)).build());
                row.clear();
            }
        }
        if (!row.isEmpty()) {
            blocks.add(ActionsBlock.builder().elements(List.copyOf(row)).build());
        }
    }

    /** Button labels are plain text of at most 75 characters; a longer one visibly ends in an ellipsis. */
    private static String label(String label) {
        return label.length() <= MAX_BUTTON_LABEL ? label : label.substring(0, MAX_BUTTON_LABEL - 1) + "…";
    }

    private static LayoutBlock context(String text) {
        return ContextBlock.builder().elements(List.of(markdown(text))).build();
    }

    private static MarkdownTextObject markdown(String text) {
        return MarkdownTextObject.builder().text(text).build();
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).emoji(true).build();
    }

    /**
     * Splits text into pieces of at most {@code max} characters, preferring line breaks, then spaces, and never inside
     * an escape such as {@code &amp;} or a surrogate pair.
     */
    static List<String> chunks(String text, int max) {
        List<String> chunks = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                cut = hardCut(rest, max);
                chunks.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            } else {
                chunks.add(rest.substring(0, cut));
                rest = rest.substring(cut + 1);
            }
        }
        chunks.add(rest);
        return chunks;
    }

    private static int hardCut(String text, int max) {
        int cut = max;
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 5 && text.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }
}
