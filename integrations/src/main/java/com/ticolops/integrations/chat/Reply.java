package com.ticolops.integrations.chat;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the bot says, free of platform types: adapters render it as Block Kit, a Discord embed or console HTML.
 * Announcements are replies posted to a channel unprompted.
 */
public record Reply(String text, List<Section> sections, List<Field> fields, List<Button> buttons, Visibility visibility) {

    /** Starts with http:// or https:// and a host: {@code java.net.URI} would refuse real links such as GitHub's {@code compare/a^...b}. */
    private static final Pattern WEB_URL = Pattern.compile("(?i)https?://[^\\s/?#]\\S*");

    public Reply {
        sections = List.copyOf(sections);
        fields = List.copyOf(fields);
        // Link URLs come from webhook payloads: a javascript:, data: or any other non-web link is dropped here, so no
        // platform ever renders it.
        buttons = buttons.stream().filter(button -> button.url() == null || WEB_URL.matcher(button.url()).matches()).toList();
    }

    /** Only the person who ran the command sees it. */
    public static Reply privately(String text) {
        return new Reply(text, List.of(), List.of(), List.of(), Visibility.EPHEMERAL);
    }

    /** Everyone in the channel sees it. */
    public static Reply inChannel(String text) {
        return new Reply(text, List.of(), List.of(), List.of(), Visibility.IN_CHANNEL);
    }

    public Reply withSection(String title, String body) {
        return new Reply(text, append(sections, new Section(title, body)), fields, buttons, visibility);
    }

    public Reply withField(String name, String value) {
        return new Reply(text, sections, append(fields, new Field(name, value)), buttons, visibility);
    }

    public Reply withLink(String label, String url) {
        return new Reply(text, sections, fields, append(buttons, Button.link(label, url)), visibility);
    }

    /** A button that runs {@code command} (what follows {@code /ticolops}) as the person who clicks it. */
    public Reply withAction(String label, String command) {
        return new Reply(text, sections, fields, append(buttons, Button.action(label, command)), visibility);
    }

    private static <T> List<T> append(List<T> list, T item) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(item)).toList();
    }

    public enum Visibility { EPHEMERAL, IN_CHANNEL }

    /** A titled block of text; lines are separated by newlines. */
    public record Section(String title, String body) {
    }

    /** A short name/value pair, shown side by side where the platform can. */
    public record Field(String name, String value) {
    }

    /** A button that opens {@code url}, or runs {@code command} when clicked: exactly one of the two is set. */
    public record Button(String label, String url, String command) {

        public Button {
            if ((url == null) == (command == null)) {
                throw new IllegalArgumentException("a button opens a URL or runs a command, not both or neither: " + label);
            }
        }

        public static Button link(String label, String url) {
            return new Button(label, url, null);
        }

        public static Button action(String label, String command) {
            return new Button(label, null, command);
        }
    }
}
