package com.ticolops.bot.conflict;

import java.util.Locale;

/** How people's work overlaps. */
public enum Kind {
    /** Two or more people on the same file, or on a directory or component and something in it, within the window. */
    CONCURRENT,
    /** Unmerged branches or open pull requests of different people that change the same files. */
    DIVERGING,
    /** The same directory, different files: a heads-up, so that people talk before they collide. */
    RELATED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
