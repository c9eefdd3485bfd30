package com.ticolops.bot.command;

import com.ticolops.integrations.chat.RequiredRole;
import java.util.Locale;

/** A member's role in a project, lowest first: each role can do everything the ones before it can. */
public enum Role implements RequiredRole {
    MEMBER, MAINTAINER, ADMIN;

    public boolean includes(RequiredRole required) {
        return compareTo(of(required)) >= 0;
    }

    /** The role a command spec names: bot's specs are written with these constants, so anything else is a programming error. */
    private static Role of(RequiredRole required) {
        if (required instanceof Role role) {
            return role;
        }
        throw new IllegalArgumentException("a command spec names a role that is not a Role: " + required.id());
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
