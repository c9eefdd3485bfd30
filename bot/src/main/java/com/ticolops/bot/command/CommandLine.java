package com.ticolops.bot.command;

import java.util.ArrayList;
import java.util.List;

/** The words of a typed command; double quotes keep spaces inside one word. Remembers where each word started. */
record CommandLine(String text, List<Word> words) {

    record Word(String value, int start) {
    }

    static CommandLine parse(String text) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            if (text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                int end = close < 0 ? text.length() : close;
                word.append(text, i + 1, end);
                i = close < 0 ? end : end + 1;
            } else {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    word.append(text.charAt(i++));
                }
            }
            words.add(new Word(word.toString(), start));
        }
        return new CommandLine(text, List.copyOf(words));
    }

    /**
     * Drops a leading {@code /ticolops} (any case, slash optional) that a platform passed along: people type
     * {@code ticolops help} in the console or paste {@code /TICOLOPS help} from a phone's autocorrect.
     */
    CommandLine withoutPrefix() {
        if (words.isEmpty() || !words.get(0).value().matches("(?i)/?ticolops")) {
            return this;
        }
        int start = words.size() > 1 ? words.get(1).start() : text.length();
        List<Word> rest = words.subList(1, words.size()).stream().map(w -> new Word(w.value(), w.start() - start)).toList();
        return new CommandLine(text.substring(start), rest);
    }

    int size() {
        return words.size();
    }

    String word(int index) {
        return words.get(index).value();
    }

    /** The first {@code count} words, lower-cased and joined: a candidate command name. */
    String head(int count) {
        return String.join(" ", words.subList(0, count).stream().map(w -> w.value().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    /** Everything from word {@code index} to the end of the line, as typed. */
    String restFrom(int index) {
        return text.substring(words.get(index).start()).strip();
    }
}
