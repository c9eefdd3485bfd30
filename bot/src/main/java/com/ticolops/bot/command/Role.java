package com.ticolops.bot.command;

import com.ticolops.integrations.chat.RequiredRole;
import java.util.Arrays;
import java.util.Locale;

/** A member's role in a project, lowest first: each role can do everything the ones before it can. */
public enum Role implements RequiredRole {
    MEMBER, MAINTAINER, ADMIN;

    public boolean includes(RequiredRole required) {
        return compareTo(of(required)) >= 0;
    }

    /** The role a command spec names; specs are written with these constants, so any other value is a programming error. */
    public static Role of(RequiredRole required) {
        return required instanceof Role role ? role
                : Arrays.stream(values()).filter(r -> r.id().equals(required.id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role " + required.id()));
    }

    /** "an admin", "a member": for sentences. */
    public String withArticle() {
        return (this == ADMIN ? "an " : "a ") + id();
    }

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
