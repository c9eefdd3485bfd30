package com.ticolops.integrations.chat;

/** How an option's value is read and validated; Discord maps these onto its own option types. */
public enum OptionType {
    /** One word. */
    WORD,
    /** Everything that is left on the line; only as the last option. */
    TEXT,
    /** A user mentioned on the same platform: {@code @name} or {@code <@U123>}. */
    USER,
    /** One of the option's choices. */
    CHOICE
}
