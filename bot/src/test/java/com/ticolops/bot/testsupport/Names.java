package com.ticolops.bot.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique names, so tests sharing one database never see each other's projects, channels or users. */
public final class Names {

    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Names() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + NEXT.incrementAndGet();
    }
}
